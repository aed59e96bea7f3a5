import CellWidth

/// Plain-text tables and clipped lines for the CLI, measured in terminal columns (CJK and emoji take two).
enum TextTable {
    /// The rows under their header, each column as wide as its widest cell, two spaces apart.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], CellWidth.of(cell)) }
        }
        return all.map { row in
            var line = "  "
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - CellWidth.of(cell) + 2) }
            }
            return line.trimmedTrailingSpaces()
        }
    }

    /// Shortens text to at most `limit` columns, ending with "…" when cut; newlines shown as "⏎".
    static func clip(_ text: String, to limit: Int) -> String {
        let flat = text.replacingNewlines()
        guard CellWidth.of(flat) > limit else { return flat }
        var out = ""
        var used = 0
        for c in flat {
            let w = CellWidth.of(c)
            if used + w > limit - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
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
