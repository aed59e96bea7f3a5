/// A bar with eighth-block precision: `████▍    `; or, with nothing to measure yet, a busy block that goes back and
/// forth a column per step: `   ███      `.
struct ProgressBar: Widget {
    let fraction: Double
    /// Set for the busy block: its position (seconds of the run, say).
    var busyStep: Int? = nil

    private static let eighths: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Draws on the area's first row.
    func render(into area: Rect, _ screen: inout Screen) {
        let (column, row, width) = (area.column, area.row, area.width)
        guard width > 0, area.height > 0 else { return }
        if let busyStep {
            screen.fill(row: row, from: column, width: width, style: .progressEmpty)
            let block = min(3, width)
            let span = max(1, width - block)
            let step = busyStep % (2 * span)
            let offset = step <= span ? step : 2 * span - step
            screen.put(String(repeating: "█", count: block), at: column + offset, row: row, style: .progressFill)
            return
        }
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
