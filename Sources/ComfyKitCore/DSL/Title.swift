/// The DSL carried by one node's `_meta.title`.
public enum Title: Hashable, Sendable {
    /// `$output.name`: this node's outputs are reported under `name`.
    case output(name: String)
    /// A known save node: its outputs are keyed by its node id and its title is not read for params.
    case saveNode(ignoredMarkers: [String])
    /// Free text and zero or more param markers (`Size, $width!, $height!`).
    case params([ParamMarker], strayDollarText: [String])

    /// Save nodes whose titles the Python ComfyKit never reads for params.
    public static let saveNodeClasses: Set<String> = ["SaveImage", "SaveVideo", "SaveAudio", "VHS_SaveVideo", "VHS_SaveAudio"]

    static let outputPrefix = "$output."

    /// Classifies a title. The order matters and the first match wins, as in the Python ComfyKit.
    public init(_ title: String, classType: String) {
        // Without a `$` (one byte in UTF-8, never inside another code point) there is no marker of any rule.
        guard Title.containsDollar(title) else {
            self = Title.saveNodeClasses.contains(classType) ? .saveNode(ignoredMarkers: []) : .params([], strayDollarText: [])
            return
        }
        // Rule 1 looks at the raw title: " $output.x" (leading space) is not an output marker.
        if title.utf8.starts(with: Title.outputPrefix.utf8), title.unicodeScalars.count > 8 {
            self = .output(name: String(String.UnicodeScalarView(title.unicodeScalars.dropFirst(8))))
            return
        }
        let parts = Title.parts(of: title)
        if Title.saveNodeClasses.contains(classType) {
            self = .saveNode(ignoredMarkers: parts.filter { $0.unicodeScalars.first == "$" }.map(String.init))
            return
        }
        var markers: [ParamMarker] = []
        var stray: [String] = []
        for part in parts {
            if part.unicodeScalars.first == "$" {
                markers.append(ParamMarker(parsing: part))
            } else if Title.looksLikeMarker(inside: part) {
                stray.append(String(part))
            }
        }
        self = .params(markers, strayDollarText: stray)
    }

    static func containsDollar(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains(UInt8(ascii: "$")) }
    }

    /// The comma-separated parts of a title, each trimmed as Python's `str.strip()` trims.
    static func parts(of title: String) -> [Substring] {
        let utf8 = title.utf8
        guard !utf8.contains(where: { $0 >= 0x80 }) else {
            // By code point, as Python splits: a comma after a prepended mark (U+0600…U+0605, U+08E2, …) is one
            // Character with it, and splitting Characters would keep it inside a marker.
            let scalars = title.unicodeScalars
            var parts: [Substring] = []
            var start = scalars.startIndex
            var i = start
            while i != scalars.endIndex {
                if scalars[i] == "," {
                    parts.append(trim(title[start..<i]))
                    start = scalars.index(after: i)
                }
                scalars.formIndex(after: &i)
            }
            parts.append(trim(title[start..<scalars.endIndex]))
            return parts
        }
        // ASCII: every Character is one byte except "\r\n", which holds no comma and whose two bytes are both
        // white space, so splitting and trimming bytes gives the same parts without grapheme breaking.
        var parts: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: ",") {
                parts.append(trimASCII(title[start..<i]))
                start = utf8.index(after: i)
            }
            utf8.formIndex(after: &i)
        }
        parts.append(trimASCII(title[start..<utf8.endIndex]))
        return parts
    }

    /// ``trim(_:)`` for ASCII text: the white space is TAB, LF, VT, FF, CR, U+001C…U+001F and space.
    static func trimASCII(_ text: Substring) -> Substring {
        func isSpace(_ b: UInt8) -> Bool { (0x09...0x0D).contains(b) || (0x1C...0x20).contains(b) }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start != end, isSpace(utf8[start]) { utf8.formIndex(after: &start) }
        while start != end {
            let last = utf8.index(before: end)
            if !isSpace(utf8[last]) { break }
            end = last
        }
        return text[start..<end]
    }

    /// Free text such as `Text $a` holds a `$name` that is not a marker (a marker must start a part).
    static func looksLikeMarker(inside part: Substring) -> Bool {
        guard part.utf8.contains(UInt8(ascii: "$")) else { return false }
        var scalars = part.unicodeScalars[...]
        while let dollar = scalars.firstIndex(of: "$") {
            let next = scalars.index(after: dollar)
            if next < scalars.endIndex, scalars[next].properties.isAlphabetic || scalars[next] == "~" { return true }
            scalars = scalars[next...]
        }
        return false
    }

    /// Python's `str.strip()`: every Unicode white space, plus the separators U+001C…U+001F.
    static func trim(_ text: Substring) -> Substring {
        // By code point, as Python strips: a space followed by a combining mark is one Character, not white space.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return text[start..<scalars.index(after: last)]
    }
}
