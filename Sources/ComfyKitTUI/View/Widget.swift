/// A piece of the frame: a small value holding only what it draws, rendered into a rectangle of the screen
/// (ratatui's widget shape). The app's view lays out the rectangles and asks each widget to render.
protocol Widget {
    func render(into area: Rect, _ screen: inout Screen)
}

extension Rect {
    /// The whole of a screen.
    init(of screen: Screen) {
        self.init(column: 0, row: 0, width: screen.width, height: screen.height)
    }
}
