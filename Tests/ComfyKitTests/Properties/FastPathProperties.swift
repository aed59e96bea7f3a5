@testable import ComfyKit
@testable import ComfyKitCore
import PropertyBased
import Testing

/// The fast paths of the parser and the title DSL give exactly what the straightforward code gives.
@Suite struct FastPathProperties {
    /// JSON tokens, so that random sequences are often valid documents: nested, with duplicate keys, escapes,
    /// non-ASCII text, invalid UTF-8 and every kind of number.
    static let token = Gen<String?>.element(of: [
        "{", "}", "[", "]", "{", "}", "[", "]", ",", ",", ":", ":", " ", "\n", "\t", "\r\n",
        #""k""#, #""k""#, #""a""#, #""class_type""#, #""\u00e9\n""#, #""\ud83d\ude00""#, #""\ud83d""#, #""x\"y""#,
        #""日本語""#, "\"\u{301}e\"", #""\u0000""#, "\"tab\tin\"", #""\q""#, "\"", "\\",
        "0", "1", "-0", "512", "1.5", "-2e3", "1E+2", "01", "1.", "-", "18446744073709551616",
        "true", "false", "null", "tru", "nul",
    ]).map { $0! }

    static func bytes(_ tokens: [String], bad: Bool) -> [UInt8] {
        var bytes = Array(tokens.joined().utf8)
        if bad, !bytes.isEmpty { bytes.insert(0xFF, at: bytes.count / 2) }
        return bytes
    }

    static func sameOutcome(_ bytes: [UInt8]) {
        let expected = Result { () throws(JSONSyntaxError) in try ReferenceJSONParser.parse(bytes) }
        let actual = Result { () throws(JSONSyntaxError) in try JSONValue(parsing: bytes) }
        switch (expected, actual) {
        case let (.success(a), .success(b)):
            // Byte-exact: `==` on strings is canonical equivalence, the written bytes are not.
            #expect(JSONWriter.bytes(a) == JSONWriter.bytes(b), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(a == b)
        case let (.failure(a), .failure(b)):
            #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
        default:
            Issue.record("\(String(decoding: bytes, as: UTF8.self)): reference \(expected), fast \(actual)")
        }
    }

    @Test func theParserAgreesWithTheReferenceParser() async {
        await propertyCheck(count: 20000, input: Self.token.array(of: 0...40), Gen.bool) { tokens, bad in
            Self.sameOutcome(Self.bytes(tokens, bad: bad))
        }
    }

    @Test func theParserAgreesOnObjectsOfManyMembers() async {
        // Past 16 members an object is built with hashing; duplicates keep their first place and last value.
        let key = Gen<Int?>.element(of: Array(0..<40)).map { $0! }
        await propertyCheck(count: 2000, input: key.array(of: 0...60)) { keys in
            let text = "{" + keys.enumerated().map { #""k\#($1)": \#($0)"# }.joined(separator: ",") + "}"
            Self.sameOutcome(Array(text.utf8))
        }
    }

    @Test func theParserAgreesOnEdgeCases() {
        for text in ["", " ", "\u{FEFF}{}", "\u{FEFF}", "[]", "{}", "[[]]", #"{"a":{}}"#, #""\u""#, #""\u12""#, #""\ud800\u0041""#,
                     #""\udc00""#, "\"a\u{7F}\"", "[1,]", #"{"a":1,}"#, "1 2", "-", "-a", "0.e1", "1e", "[1 2]"] {
            Self.sameOutcome(Array(text.utf8))
        }
        Self.sameOutcome([0xEF, 0xBB])
        Self.sameOutcome([0x22, 0xC3, 0x22])
        Self.sameOutcome(Array(String(repeating: "[", count: 600).utf8))
    }

    /// Every ASCII byte, weighted towards commas, white space, CR/LF and the U+001C…U+001F separators.
    static let asciiTitle = Gen<UInt8?>.element(of: Array(0...0x7F) + Array(",,,,  \t\r\n\r\n$$!~.:".utf8) + [0x1C, 0x1D, 0x1E, 0x1F, 0x0B, 0x0C])
        .map { $0! }.array(of: 0...30).map { String(decoding: $0, as: UTF8.self) }

    @Test func asciiTitlesSplitAsCharactersDo() async {
        await propertyCheck(count: 20000, input: Self.asciiTitle) { title in
            let general = title.split(separator: ",", omittingEmptySubsequences: false).map(Title.trim).map(String.init)
            #expect(Title.parts(of: title).map(String.init) == general, "\(Array(title.utf8))")
        }
    }

    /// The marker as read before it was read byte-wise: code point by code point.
    static func referenceMarker(_ part: Substring) -> [String?] {
        var m = part.unicodeScalars.dropFirst()
        var description: String? = nil
        if let colon = m.firstIndex(of: ":") {
            let rest = String(m[m.index(after: colon)...])
            description = Title.trim(Substring(rest)).isEmpty ? nil : String(Title.trim(Substring(rest)))
            m = m[..<colon]
        }
        let required = m.last == "!"
        if required { m = m.dropLast() }
        var upload = m.first == "~"
        if upload { m = m.dropFirst() }
        let name: String, field: String
        if let dot = m.firstIndex(of: ".") {
            name = String(m[..<dot])
            var fieldPart = m[m.index(after: dot)...]
            if fieldPart.first == "~" {
                upload = true
                fieldPart = fieldPart.dropFirst()
            }
            field = String(fieldPart)
        } else {
            name = String(m)
            field = String(m)
        }
        return [name, field, "\(required)", "\(upload)", description, String(part)]
    }

    @Test func markersReadBytewiseAsCodePointsDo() async {
        let character = Gen<Character?>.element(of: Array("$$$!!~~..::, ab_x中😀\u{301}\u{619}\u{3000}\r\n\t")).map { $0! }
        await propertyCheck(count: 20000, input: character.string(of: 0...16)) { text in
            let part = Substring(text)
            let marker = ParamMarker(parsing: part)
            let actual: [String?] = [marker.name, marker.field, "\(marker.isRequired)", "\(marker.isUpload)", marker.description, marker.text]
            let expected = Self.referenceMarker(part)
            #expect(actual.map { $0.map { Array($0.unicodeScalars) } } == expected.map { $0.map { Array($0.unicodeScalars) } }, "\(Array(text.unicodeScalars))")
        }
    }
}
