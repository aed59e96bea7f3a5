/// Column layout for plain-text tables, measured in terminal cells (CJK and emoji take two).
enum TextCell {
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) }
        }
        return all.map { row in
            var line = "  "
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - width(cell) + 2) }
            }
            return line.trimmedTrailingSpaces()
        }
    }

    /// Shortens text to at most `limit` cells, ending with "…" when cut; newlines shown as "⏎".
    static func clip(_ text: String, to limit: Int) -> String {
        let flat = text.replacingNewlines()
        guard width(flat) > limit else { return flat }
        var out = ""
        var used = 0
        for c in flat {
            let w = width(c)
            if used + w > limit - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    static func width(_ text: String) -> Int { text.reduce(0) { $0 + width($1) } }

    /// Cells a character takes: 0 for combining marks and controls, 2 for East Asian wide and emoji.
    static func width(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if c.unicodeScalars.count > 1, c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return scalarWidth(first)
    }

    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

extension String {
    func trimmedTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? "⏎" : $0 })
    }
}
