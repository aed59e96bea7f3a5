/// What the runtime needs of a terminal: its size, what was typed, the changed cells to write. Only
/// ``NCursesTerminal`` talks to a real one; ``HeadlessTerminal`` keeps the frame in memory for tests.
protocol TerminalBackend: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// Waits briefly for input, then returns whatever is waiting; empty when nothing came.
    func readInputs() -> [TerminalInput]
    /// Writes the cells that changed since the last frame (all of them after a resize), with the frame's picture
    /// work around them: ``PictureFrame/before`` first, ``PictureFrame/repaint``'s cells written again, the cells,
    /// then ``PictureFrame/after`` at their cells.
    func draw(_ changes: [CellChange], fullRedraw: Bool, pictures: PictureFrame)
    /// Writes an escape sequence the cells cannot express (OSC 52) straight to the terminal.
    func passThrough(_ bytes: [UInt8])
}

extension TerminalBackend {
    /// Cells only.
    func draw(_ changes: [CellChange], fullRedraw: Bool) {
        draw(changes, fullRedraw: fullRedraw, pictures: PictureFrame())
    }
}

/// What the terminal reports: a key, a paste, the mouse, a new size, or a signal asking the app to quit.
enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resize
    /// The left button pressed on a cell.
    case press(column: Int, row: Int)
    /// The wheel turned; negative is up.
    case wheel(notches: Int)
    /// A bracketed paste: the text between `ESC[200~` and `ESC[201~`.
    case paste(String)
    /// SIGINT, SIGTERM or SIGHUP arrived: leave the loop, restore the terminal, exit with 128 + the signal.
    case quitSignal(Int32)
}
