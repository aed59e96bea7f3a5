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

    /// How the terminal lays out the emoji sequences that terminals disagree on (see ``ClusterWidths``).
    /// Set once by the TUI at start, from what the terminal answered, before any other thread measures text;
    /// read-only after that, so the unsynchronised access never races.
    nonisolated(unsafe) public private(set) static var clusters = ClusterWidths.joined

    /// Measures emoji sequences as `widths` says from now on: call once, before any other thread measures.
    public static func use(_ widths: ClusterWidths) { clusters = widths }

    /// The columns one grapheme cluster takes: its first scalar's, or 2 when an emoji presentation selector
    /// (U+FE0F) follows it, so `☺️`, `1️⃣` and ZWJ sequences such as `👨‍👩‍👧‍👦` are one wide cell — as modern
    /// terminals draw them. Where the terminal draws a sequence's parts apart (``clusters``), their widths add up.
    public static func of(_ character: Character) -> Int { of(character, clusters: clusters) }

    /// The columns one grapheme cluster takes on a terminal that draws emoji sequences as `clusters` says.
    public static func of(_ character: Character, clusters: ClusterWidths) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let width = of(scalar: first)
        if width == 0 { return 0 }
        guard scalars.count > 1 else { return width }
        if clusters != .joined, let split = splitWidth(scalars, clusters) { return split }
        if width == 1, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width
    }

    /// A sequence's width where the terminal draws its parts apart; `nil` when it is drawn as one cluster.
    private static func splitWidth(_ scalars: Character.UnicodeScalarView, _ clusters: ClusterWidths) -> Int? {
        let hasJoiner = scalars.contains { $0.value == 0x200D }
        let hasModifier = scalars.contains { ClusterWidths.isModifier($0) }
        if hasJoiner, !clusters.joinsZWJ {
            // Each part on its own, a modifier or presentation selector kept with its part as the terminal does.
            var total = 0
            var part: [Unicode.Scalar] = []
            for scalar in scalars {
                if scalar.value == 0x200D {
                    total += partWidth(part, clusters)
                    part = []
                } else {
                    part.append(scalar)
                }
            }
            return total + partWidth(part, clusters)
        }
        if hasJoiner { return nil }
        if hasModifier, !clusters.joinsModifiers { return partWidth(Array(scalars), clusters) }
        return nil
    }

    private static func partWidth(_ scalars: [Unicode.Scalar], _ clusters: ClusterWidths) -> Int {
        guard let first = scalars.first else { return 0 }
        var width = of(scalar: first)
        for scalar in scalars.dropFirst() {
            if ClusterWidths.isModifier(scalar) {
                width += clusters.joinsModifiers ? 0 : 2
            } else if scalar.value == 0xFE0F, width == 1 {
                width = 2
            }
        }
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

/// How a terminal draws the emoji sequences terminals disagree on. Modern terminals (kitty, WezTerm, foot, iTerm2)
/// draw `👍🏽` and `👨‍👩‍👧‍👦` as one wide cell each; xterm draws each part apart (`👍🏽` takes 4 columns, the family 8);
/// tmux 3.3 joins a ZWJ sequence into one cell but draws a skin-tone modifier apart.
public struct ClusterWidths: Hashable, Sendable {
    /// An emoji followed by a skin-tone modifier (U+1F3FB–U+1F3FF) is one cell.
    public var joinsModifiers: Bool
    /// Emoji joined by U+200D (ZERO WIDTH JOINER) are one cell.
    public var joinsZWJ: Bool

    public init(joinsModifiers: Bool, joinsZWJ: Bool) {
        self.joinsModifiers = joinsModifiers
        self.joinsZWJ = joinsZWJ
    }

    /// Every sequence one cell: the default, and what modern terminals do.
    public static let joined = ClusterWidths(joinsModifiers: true, joinsZWJ: true)

    /// The probes a terminal is asked to draw, and what their width says about it.
    public static let modifierProbe = "\u{1F44D}\u{1F3FD}"
    public static let zwjProbe = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"

    /// From the columns the terminal moved its cursor over for each probe (`nil`: it did not answer).
    public init(modifierProbeWidth: Int?, zwjProbeWidth: Int?) {
        self.init(joinsModifiers: modifierProbeWidth.map { $0 <= 2 } ?? true, joinsZWJ: zwjProbeWidth.map { $0 <= 2 } ?? true)
    }

    static func isModifier(_ scalar: Unicode.Scalar) -> Bool { (0x1F3FB...0x1F3FF).contains(scalar.value) }
}
