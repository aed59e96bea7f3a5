import Yams

/// Reads a theme file's YAML text into a ``Theme``, reporting the first bad key with its line.
///
/// ```yaml
/// colors: 256          # 256 or 16
/// fallback: 16-color   # used when the terminal has fewer colours
/// slots:
///   accent: { fg: 75, attrs: [bold] }
///   progress.fill: { fg: bright_green, bg: default }
/// ```
struct ThemeParser {
    /// The theme's name, from its file name.
    let name: String
    /// The file, for error messages.
    let file: String

    func parse(_ yaml: String) throws(ThemeError) -> Theme {
        let root = try compose(yaml)
        guard let root, let mapping = root.mapping else { throw fail(root, .notAMapping) }
        var colors = 256
        if let value = mapping["colors"] {
            guard let count = value.int, count == 16 || count == 256 else {
                throw fail(value, .badColorCount(value.string ?? "?"))
            }
            colors = count
        }
        var styles: [StyleSlot: SlotStyle] = [:]
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "colors", "fallback": break
            case "slots": styles = try parseSlots(value, colors: colors)
            default: throw fail(keyNode, .unknownKey(keyNode.string ?? "?"))
            }
        }
        return Theme(name: name, colors: colors, fallback: mapping["fallback"]?.string, styles: styles)
    }

    private func compose(_ yaml: String) throws(ThemeError) -> Node? {
        do {
            // The basic resolver: the default one compiles its tag rules as NSRegularExpressions, which maps ICU's
            // data into the app for good (MBs of resident memory); this parser reads every scalar as text anyway.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                throw ThemeError(file: file, line: mark.line, problem: .notYAML(problem))
            default:
                throw fail(nil, .notYAML("\(error)"))
            }
        } catch {
            throw fail(nil, .notYAML("\(error)"))
        }
    }

    private func parseSlots(_ node: Node, colors: Int) throws(ThemeError) -> [StyleSlot: SlotStyle] {
        guard let mapping = node.mapping else { throw fail(node, .notAMapping) }
        var styles: [StyleSlot: SlotStyle] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            guard let slot = StyleSlot(themeKey: key) else { throw fail(keyNode, .unknownSlot(key)) }
            styles[slot] = try parseStyle(value, key: "slots.\(key)", colors: colors)
        }
        return styles
    }

    private func parseStyle(_ node: Node, key: String, colors: Int) throws(ThemeError) -> SlotStyle {
        guard let mapping = node.mapping else { throw fail(node, .unknownKey(key)) }
        var style = SlotStyle()
        for (keyNode, value) in mapping {
            let field = keyNode.string ?? "?"
            let path = "\(key).\(field)"
            switch field {
            case "fg", "bg":
                let text = value.string ?? ""
                guard let color = ThemeColor(parsing: text) else { throw fail(value, .badColor(key: path, value: text)) }
                // A 256-colour index in a 16-colour theme would not show on the terminals that theme is for.
                if case .indexed(let index) = color, index >= colors {
                    throw fail(value, .colorOutOfRange(key: path, value: text, colors: colors))
                }
                if field == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                let items = value.sequence.map(Array.init) ?? [value]
                for item in items {
                    let text = item.string ?? ""
                    guard let attribute = Self.attribute(named: text) else {
                        throw fail(item, .badAttribute(key: path, value: text))
                    }
                    style.attributes.insert(attribute)
                }
            default:
                throw fail(keyNode, .unknownKey(path))
            }
        }
        return style
    }

    private static func attribute(named name: String) -> CellAttributes? {
        switch name.lowercased() {
        case "bold": .bold
        case "dim": .dim
        case "underline": .underline
        case "reverse": .reverse
        default: nil
        }
    }

    private func fail(_ node: Node?, _ problem: ThemeError.Problem) -> ThemeError {
        ThemeError(file: file, line: node?.mark?.line, problem: problem)
    }
}
