/// A bar with eighth-block precision: `████▍    `.
struct ProgressBar: Widget {
    let fraction: Double

    private static let eighths: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Draws on the area's first row.
    func render(into area: Rect, _ screen: inout Screen) {
        let (column, row, width) = (area.column, area.row, area.width)
        guard width > 0, area.height > 0 else { return }
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let units = Int((clamped * Double(width * 8)).rounded(.down))
        let full = units / 8
        screen.fill(row: row, from: column, width: width, style: .progressEmpty)
        screen.put(String(repeating: "█", count: full), at: column, row: row, style: .progressFill)
        if full < width, units % 8 > 0 {
            screen.put(Self.eighths[units % 8], at: column + full, row: row, style: .progressFill)
        }
    }
}
