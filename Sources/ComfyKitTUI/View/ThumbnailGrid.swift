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
        let position = pictures.firstIndex { $0.index == selected } ?? 0
        let page = Self.page(holding: position, of: pictures.count, in: rect)
        for (index, tile) in page.tiles {
            let picture = pictures[index]
            screen.place(.output(url: picture.url), in: tile)
            let isSelected = picture.index == selected
            let mark = MediaKind(url: picture.url) == .video ? " ▶ video" : ""
            let label = (isSelected ? "› " : "  ") + "\(index + 1)" + mark
            screen.put(label, at: tile.column, row: tile.bottom, style: isSelected ? .selection : .muted, limit: tile.width)
            for row in tile.row...tile.bottom {
                screen.mark(.output(index: picture.index), row: row, columns: tile.column..<(tile.column + tile.width))
            }
        }
        Self.putPageLine(page.shown, of: pictures.count, in: rect, &screen)
    }

    /// The largest square-looking tiles (twice as wide as high, a label row under each) that fit `count` in `rect`,
    /// at most as many as there are.
    /// The page of tiles that holds item `position` of `count` (with more than fit, a page at a time): the items it
    /// shows, and each one's index and rectangle; nothing when no tile fits `rect`.
    static func page(holding position: Int, of count: Int, in rect: Rect) -> (shown: Range<Int>, tiles: [(index: Int, tile: Rect)]) {
        guard count > 0, let layout = layout(count: count, in: rect) else { return (0..<0, []) }
        let size = layout.columns * layout.rows
        let first = max(0, position) / size * size
        let shown = first..<min(count, first + size)
        return (shown, shown.map { index in
            let offset = index - first
            return (index, Rect(column: rect.column + offset % layout.columns * (layout.width + 1),
                                row: rect.row + offset / layout.columns * (layout.height + 1), width: layout.width, height: layout.height))
        })
    }

    /// "4–6 of 9" under a page that does not show every item.
    static func putPageLine(_ shown: Range<Int>, of count: Int, in rect: Rect, _ screen: inout Screen) {
        guard !shown.isEmpty, shown.count < count else { return }
        screen.put("\(shown.lowerBound + 1)–\(shown.upperBound) of \(count)", at: rect.column, row: rect.bottom - 1, style: .muted, limit: rect.width)
    }

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
