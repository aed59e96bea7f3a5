/// The runs screen's pictures beside the outputs list: a thumbnail per picture output (a grid when there are
/// several), the highlighted one's number marked; while the run goes, its live preview instead.
struct ThumbnailGrid: Widget {
    let run: RunState
    /// The highlighted output (an index into ``RunState/outputs``).
    let selected: Int

    /// The thumbnails' least size in cells: smaller ones say nothing.
    static let minimumRows = 3

    func render(into rect: Rect, _ screen: inout Screen) {
        guard rect.height > Self.minimumRows, rect.width >= 2 * Self.minimumRows else { return }
        if run.isActive {
            guard let preview = run.preview else { return }
            let height = min(rect.height, rect.width / 2)
            screen.place(.preview(runID: run.id, frame: preview.frame), in: Rect(column: rect.column, row: rect.row, width: height * 2, height: height),
                         slot: "runs-preview")
            return
        }
        let pictures = run.pictureOutputs
        guard !pictures.isEmpty, let layout = Self.layout(count: pictures.count, in: rect) else { return }
        // With more pictures than fit, the page that holds the highlighted one.
        let page = layout.columns * layout.rows
        let position = pictures.firstIndex { $0.index == selected } ?? 0
        let first = position / page * page
        for (offset, picture) in pictures.dropFirst(first).prefix(page).enumerated() {
            let tile = Rect(column: rect.column + offset % layout.columns * (layout.width + 1),
                            row: rect.row + offset / layout.columns * (layout.height + 1), width: layout.width, height: layout.height)
            screen.place(.output(url: picture.url), in: tile)
            let isSelected = picture.index == selected
            let mark = MediaKind(url: picture.url) == .video ? " ▶ video" : ""
            let label = (isSelected ? "› " : "  ") + "\(first + offset + 1)" + mark
            screen.put(label, at: tile.column, row: tile.bottom, style: isSelected ? .selection : .muted, limit: tile.width)
            for row in tile.row...tile.bottom {
                screen.mark(.output(index: picture.index), row: row, columns: tile.column..<(tile.column + tile.width))
            }
        }
        if pictures.count > page {
            screen.put("\(first + 1)–\(min(first + page, pictures.count)) of \(pictures.count)", at: rect.column,
                       row: rect.bottom - 1, style: .muted, limit: rect.width)
        }
    }

    /// The largest square-looking tiles (twice as wide as high, a label row under each) that fit `count` in `rect`,
    /// at most as many as there are.
    static func layout(count: Int, in rect: Rect) -> (columns: Int, rows: Int, width: Int, height: Int)? {
        var height = rect.height - 1
        while height >= minimumRows {
            let width = height * 2
            let columns = max(1, min(count, (rect.width + 1) / (width + 1)))
            let rows = max(1, (rect.height + 1) / (height + 1))
            if width <= rect.width, columns * rows >= count || height == minimumRows { return (columns, rows, width, height) }
            height -= 1
        }
        return nil
    }
}

/// `v`: the highlighted output in the whole window, aspect kept, with its name and place among the run's pictures.
struct PictureViewer: Widget {
    let runs: RunsComponent

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty, let run = runs.current, let index = runs.viewing, run.outputs.indices.contains(index),
              case .file(let url) = run.outputs[index] else { return }
        let pictures = run.pictureOutputs
        let position = (pictures.firstIndex { $0.index == index } ?? 0) + 1
        let kind = MediaKind(url: url) == .video ? "  ▶ video, its first frame" : ""
        let title = "run #\(run.id)  \(OutputLabel.fileName(of: url))\(kind)  \(position)/\(pictures.count)"
        screen.put(title, at: rect.column + 1, row: rect.row, style: .accent, attributes: .bold, limit: rect.width - 2)
        screen.place(.output(url: url), in: Rect(column: rect.column + 1, row: rect.row + 1, width: rect.width - 2, height: rect.height - 1),
                     slot: "viewer")
    }
}
