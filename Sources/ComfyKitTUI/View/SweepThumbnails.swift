import CellWidth

/// A sweep's pictures side by side: each prompt's first picture as a thumbnail, labelled by its varied values, the
/// selected prompt's label marked; a prompt without a picture yet shows how it is going in its tile's place.
struct SweepThumbnails: Widget {
    let runs: [RunState]
    let selected: Int

    /// Whether a sweep has a picture to show.
    static func hasPictures(_ runs: [RunState]) -> Bool { runs.contains { !$0.pictureOutputs.isEmpty } }

    func render(into rect: Rect, _ screen: inout Screen) {
        let position = runs.firstIndex { $0.id == selected } ?? 0
        let page = ThumbnailGrid.page(holding: position, of: runs.count, in: rect)
        for (index, tile) in page.tiles {
            let run = runs[index]
            if let picture = run.pictureOutputs.first {
                screen.place(.output(url: picture.url), in: tile)
            } else {
                let state = run.isActive ? "…" : "no picture"
                screen.put(state, at: tile.column + 1, row: tile.row + tile.height / 2, style: .muted, limit: tile.width - 1)
            }
            let isSelected = run.id == selected
            screen.put((isSelected ? "›" : " ") + Self.label(of: run, width: tile.width - 1), at: tile.column, row: tile.bottom,
                       style: isSelected ? .selection : .muted, limit: tile.width)
            for row in tile.row...tile.bottom {
                screen.mark(.run(id: run.id), row: row, columns: tile.column..<(tile.column + tile.width))
            }
        }
        ThumbnailGrid.putPageLine(page.shown, of: runs.count, in: rect, &screen)
    }

    /// The prompt's varied values with their names (`seed=12 cfg=4.5`); in a tile too narrow for that, the values
    /// alone (`12 4.5`), so that a grid of many small tiles still tells them apart; a prompt that varies nothing is
    /// named by its number.
    static func label(of run: RunState, width: Int) -> String {
        guard let varied = run.sweep?.varied, !varied.isEmpty else { return "prompt \((run.sweep?.index ?? 0) + 1)" }
        let named = run.sweepLabel
        guard CellWidth.of(named) > width else { return named }
        return varied.map(\.value).joined(separator: " ")
    }
}
