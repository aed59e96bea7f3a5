/// The DSL carried by one node's `_meta.title` (spec §2.2 and §2.3).
public enum Title: Hashable, Sendable {
    /// `$output.name`: this node's outputs are reported under `name`.
    case output(name: String)
    /// A known save node: its outputs are keyed by its node id and its title is not read for params.
    case saveNode(ignoredMarkers: [String])
    /// Free text and zero or more param markers (`Size, $width!, $height!`).
    case params([ParamMarker], strayDollarText: [String])

    /// Save nodes whose titles the Python ComfyKit never reads for params (spec §2.2 rule 2).
    public static let saveNodeClasses: Set<String> = ["SaveImage", "SaveVideo", "SaveAudio", "VHS_SaveVideo", "VHS_SaveAudio"]

    static let outputPrefix = "$output."

    /// Classifies a title. The order matters and the first match wins, as in the Python ComfyKit.
    public init(_ title: String, classType: String) {
        // Rule 1 looks at the raw title: " $output.x" (leading space) is not an output marker.
        if title.utf8.starts(with: Title.outputPrefix.utf8), title.unicodeScalars.count > 8 {
            self = .output(name: String(String.UnicodeScalarView(title.unicodeScalars.dropFirst(8))))
            return
        }
        let parts = title.split(separator: ",", omittingEmptySubsequences: false).map(Title.trim)
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

    /// Free text such as `Text $a` holds a `$name` that is not a marker (a marker must start a part).
    static func looksLikeMarker(inside part: Substring) -> Bool {
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
        func isSpace(_ c: Character) -> Bool {
            c.isWhitespace || c.unicodeScalars.allSatisfy { (0x1C...0x1F).contains($0.value) }
        }
        guard let start = text.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        let end = text.lastIndex(where: { !isSpace($0) })!
        return text[start...end]
    }
}
