/// What a mouse click selects. Views mark the regions as they draw, so a click means what the frame on screen
/// showed there, scrolling included, and `update` never recomputes a layout.
enum ClickTarget: Hashable, Sendable {
    /// An index into ``AppState/visibleEntries``.
    case workflow(index: Int)
    /// An index into the open form's fields.
    case field(index: Int)
    case run(id: Int)
    /// An index into the selected run's ``RunState/resultURLs``.
    case output(index: Int)
}

/// A stretch of one row that a click on selects a target.
struct ClickRegion: Hashable, Sendable {
    let row: Int
    let columns: Range<Int>
    let target: ClickTarget
}
