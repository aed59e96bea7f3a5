import ComfyKit
import Testing

@Suite struct JSONParserTests {
    @Test func objectKeysKeepTheirDocumentOrder() throws {
        let value = try JSONValue(parsing: #"{"10": 1, "2": 2, "1": 3, "b": 4, "a": 5}"#)
        #expect(value.objectValue?.keys == ["10", "2", "1", "b", "a"])
    }

    @Test func integersAndFloatsStayDistinctAndExact() throws {
        let value = try JSONValue(parsing: #"[512, 1.5, 1.0, -0, 18446744073709551615, 2e3]"#)
        let numbers = value.arrayValue!.map { $0.numberValue! }
        #expect(numbers.map(\.isInteger) == [true, false, false, true, true, false])
        #expect(numbers[4].literal == "18446744073709551615")
        #expect(JSONWriter.string(value) == "[512,1.5,1.0,-0,18446744073709551615,2e3]")
    }

    @Test func stringsDecodeEscapesSurrogatesAndUTF8() throws {
        let value = try JSONValue(parsing: #"["a\"b\\c\/\n\t", "\u4e2d\u6587", "\ud83d\ude00", "日本語"]"#)
        #expect(value.arrayValue!.map(\.stringValue!) == ["a\"b\\c/\n\t", "中文", "😀", "日本語"])
    }

    @Test func writerRoundTripsEverything() throws {
        let text = #"{"z":{"k":[1,2.5,true,false,null,"x\u0001y"]},"a":"é\"\\"}"#
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: JSONWriter.string(value)) == value)
        #expect(try JSONValue(parsing: JSONWriter.string(value, indent: 2)) == value)
    }

    @Test func duplicateKeysKeepTheLastValueLikePython() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value["a"] == .int(3))
        #expect(value.objectValue?.keys == ["a", "b"])
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": }", 3, 8),
        ("{\"a\": 1,}", 1, 9),
        ("[1, 2", 1, 6),
        ("not json", 1, 1),
        ("{\"a\" 1}", 1, 6),
        ("{\"a\": \"unterminated}", 1, 7),
        ("", 1, 1),
        ("{} {}", 1, 4),
        ("{\"a\": 01}", 1, 7),
        ("{\"中文\": x}", 1, 8),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, line: Int, column: Int) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue(parsing: text) }
    }

    @Test func aByteOrderMarkIsTolerated() throws {
        let value = try JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8))
        #expect(value["a"] == .int(1))
    }

    @Test func invalidUTF8InAStringIsAnError() {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
    }
}
