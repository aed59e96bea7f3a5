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
