import CellWidth

/// `text` whole when it fits `width` columns, else its start and end around a `…`, so the end that tells
/// similar names apart (`…_number_149_with_extra_words`) stays in view.
func middleTruncated(_ text: String, to width: Int) -> String {
    guard CellWidth.of(text) > width else { return text }
    guard width > 1 else { return width == 1 ? "…" : "" }
    let available = width - 1
    let headWidth = available / 3
    var head = "", used = 0
    for character in text {
        let w = CellWidth.of(character)
        guard used + w <= headWidth else { break }
        head.append(character)
        used += w
    }
    var tail: [Character] = [], tailUsed = 0
    for character in text.reversed() {
        let w = CellWidth.of(character)
        guard tailUsed + w <= available - used else { break }
        tail.append(character)
        tailUsed += w
    }
    return head + "…" + String(tail.reversed())
}

/// `text` in lines of at most `width` columns, broken at spaces where it can, inside words where it must;
/// its own line breaks kept.
func wrapped(_ text: String, to width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = "", used = 0
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = CellWidth.of(word)
            let gap = line.isEmpty ? 0 : 1
            if used + gap + wordWidth <= width {
                line += (gap == 1 ? " " : "") + word
                used += gap + wordWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            used = 0
            for character in word {
                let w = CellWidth.of(character)
                if used + w > width {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                line.append(character)
                used += w
            }
        }
        lines.append(line)
    }
    return lines
}
