/// How many terminal columns text takes, from one table generated from Unicode's data
/// (`scripts/gen-cell-width`): East Asian wide and fullwidth characters and emoji take 2, combining marks,
/// format characters and controls 0, everything else 1. The CLI's tables and the TUI's screen both measure with it.
///
/// ```swift
/// CellWidth.of("漢字")   // 4
/// CellWidth.of("👍🏽")    // 2: one grapheme cluster
/// ```
public enum CellWidth {
    /// The Unicode version the table was generated from.
    public static let unicodeVersion = CellWidthTable.unicodeVersion

    /// The columns one scalar takes on its own (0, 1 or 2).
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return 1 }
        if contains(value, in: CellWidthTable.zeroWidth) { return 0 }
        if contains(value, in: CellWidthTable.doubleWidth) { return 2 }
        return 1
    }

    /// The columns one grapheme cluster takes (0, 1 or 2): its first scalar's, or 2 when an emoji presentation
    /// selector (U+FE0F) follows it, so `☺️`, `1️⃣` and ZWJ sequences such as `👨‍👩‍👧‍👦` are one wide cell.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let width = of(scalar: first)
        if width == 0 { return 0 }
        if width == 1, scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width
    }

    /// The columns a text takes: the sum of its grapheme clusters'.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Binary search over sorted `first, last` pairs.
    private static func contains(_ value: UInt32, in ranges: [UInt32]) -> Bool {
        var low = 0, high = ranges.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[2 * middle] {
                high = middle - 1
            } else if value > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
