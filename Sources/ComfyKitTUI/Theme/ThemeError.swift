/// Why a theme could not be used, naming the file, the key and the line a user has to fix.
struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Problem: Hashable, Sendable {
        case notYAML(String)
        case notAMapping
        case unknownKey(String)
        case unknownSlot(String)
        case badColor(key: String, value: String)
        case colorOutOfRange(key: String, value: String, colors: Int)
        case badAttribute(key: String, value: String)
        case badColorCount(String)
        case notFound(name: String, available: [String])
    }

    /// The theme file, or the theme name when no file was found.
    let file: String
    let line: Int?
    let problem: Problem

    var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        switch problem {
        case .notYAML(let reason):
            return "\(place): not valid YAML: \(reason)"
        case .notAMapping:
            return "\(place): a theme is a YAML mapping with `colors`, `fallback` and `slots` keys."
        case .unknownKey(let key):
            return "\(place): unknown key `\(key)`; a theme has `colors`, `fallback` and `slots`."
        case .unknownSlot(let key):
            let known = StyleSlot.allCases.map(\.themeKey).joined(separator: ", ")
            return "\(place): unknown slot `\(key)`; the slots are \(known)."
        case .badColor(let key, let value):
            return "\(place): `\(key)`: bad colour `\(value)`; use 0–255, `default` or a name such as `bright_blue`."
        case .colorOutOfRange(let key, let value, let colors):
            return "\(place): `\(key)`: colour `\(value)` is beyond this \(colors)-colour theme; use 0–\(colors - 1) or a name."
        case .badAttribute(let key, let value):
            return "\(place): `\(key)`: bad attribute `\(value)`; use bold, dim, underline or reverse."
        case .badColorCount(let value):
            return "\(place): `colors`: `\(value)` is not 16 or 256."
        case .notFound(let name, let available):
            return "no theme named \(name); available: \(available.joined(separator: ", "))."
        }
    }
}
