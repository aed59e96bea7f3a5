/// What a picture shows: a run's live preview frame (numbered, so a new frame is a new picture), or an output file.
enum PictureSource: Hashable, Sendable {
    case preview(runID: Int, frame: Int)
    case output(url: String)
}

/// A picture the view puts in a rectangle of cells; the runtime fills it (symbols as cells, graphics drawn by the
/// backend after the cells). `slot` names the place on screen, so a new frame replaces the last one in place.
struct PicturePlacement: Hashable, Sendable {
    let rect: Rect
    let source: PictureSource
    /// Pictures in the same slot replace each other without a blank in between (a preview's frames).
    var slot: String

    init(rect: Rect, source: PictureSource, slot: String? = nil) {
        self.rect = rect
        self.source = source
        self.slot = slot ?? "\(source)"
    }
}

extension Rect {
    /// Whether the two share a cell.
    func intersects(_ other: Rect) -> Bool {
        !isEmpty && !other.isEmpty && column < other.column + other.width && other.column < column + width
            && row < other.bottom && other.row < bottom
    }
}
