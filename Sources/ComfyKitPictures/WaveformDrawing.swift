/// A waveform drawn with symbols: braille cells (2×4 dots each), one dot column per slice of the sound, filled from
/// its lowest to its highest sample around the middle line, at the sound's true level (silence is a flat line in the
/// middle, a full-scale sound fills the height). Text cells, so it draws in any terminal, through curses or not.
///
/// ```swift
/// let rows = WaveformDrawing(peaks).lines(columns: 40, rows: 4)   // 4 strings of 40 characters
/// ```
public struct WaveformDrawing: Sendable {
    public let peaks: AudioPeaks

    public init(_ peaks: AudioPeaks) {
        self.peaks = peaks
    }

    /// `rows` rows of `columns` characters: braille patterns, and spaces where a cell has no dot.
    public func lines(columns: Int, rows: Int) -> [String] {
        grid(columns: columns, rows: rows).map { String($0) }
    }

    /// The waveform as symbol cells in `colour` (the terminal's own colour when `nil`, as under `NO_COLOR`).
    public func cells(columns: Int, rows: Int, colour: RGB?) -> [[SymbolCell]] {
        grid(columns: columns, rows: rows).map { row in
            row.map { SymbolCell(character: $0, foreground: $0 == " " ? nil : colour, background: nil) }
        }
    }

    /// The braille characters, a row of cells each.
    func grid(columns: Int, rows: Int) -> [[Character]] {
        guard columns > 0, rows > 0 else { return [] }
        let dotColumns = columns * 2, dotRows = rows * 4
        var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: columns), count: rows)
        for x in 0..<dotColumns {
            guard let peak = peak(forDotColumn: x, of: dotColumns) else { continue }
            let top = dotRow(peak.high, of: dotRows), bottom = dotRow(peak.low, of: dotRows)
            for y in min(top, bottom)...max(top, bottom) {
                bits[y / 4][x / 2] |= Self.dot(column: x % 2, row: y % 4)
            }
        }
        return bits.map { row in row.map { $0 == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32($0))!) } }
    }

    /// The peaks under dot column `x` of `count`, merged; `nil` when the sound has none.
    private func peak(forDotColumn x: Int, of count: Int) -> AudioPeaks.Peak? {
        let all = peaks.peaks
        guard !all.isEmpty else { return nil }
        let first = x * all.count / count
        let end = max(first + 1, (x + 1) * all.count / count)
        return all[first..<min(end, all.count)].reduce(all[first]) { $0.merged(with: $1) }
    }

    /// The dot row of a sample (-1…1): 0 at the top for full scale up, the last row for full scale down.
    private func dotRow(_ sample: Float, of rows: Int) -> Int {
        let clamped = Double(max(-1, min(1, sample.isFinite ? sample : 0)))
        return max(0, min(rows - 1, Int(((1 - clamped) / 2 * Double(rows - 1)).rounded())))
    }

    /// The braille bit of a dot: dots 1-3 and 7 down the left column, 4-6 and 8 down the right.
    private static func dot(column: Int, row: Int) -> UInt8 {
        row < 3 ? UInt8(1) << (row + column * 3) : (column == 0 ? 0x40 : 0x80)
    }
}
