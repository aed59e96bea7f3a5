import Glibc

/// A terminal in memory: each read asks a script for that turn's inputs, each frame lands in a ``Screen`` whose
/// lines can be read. Tests run the real runtime loop on it, without ncurses or a tty.
final class HeadlessTerminal: TerminalBackend {
    let size: (width: Int, height: Int)
    /// The frame as the backend wrote it, cell by cell.
    private(set) var screen: Screen
    /// Frames written so far.
    private(set) var frames = 0
    /// Every ``passThrough(_:)``, in order.
    private(set) var passedThrough: [[UInt8]] = []
    /// Every frame's picture work that was not empty, in order.
    private(set) var pictureFrames: [PictureFrame] = []
    private let script: (HeadlessTerminal) -> [TerminalInput]

    /// `script` is called at every read with the terminal as drawn so far and returns that turn's inputs.
    init(width: Int, height: Int, script: @escaping (HeadlessTerminal) -> [TerminalInput]) {
        size = (width, height)
        screen = Screen(width: width, height: height)
        self.script = script
    }

    /// The script's inputs; when it has none, a short wait stands in for curses' read timeout.
    func readInputs() -> [TerminalInput] {
        let inputs = script(self)
        if inputs.isEmpty { usleep(5_000) }
        return inputs
    }

    func draw(_ changes: [CellChange], fullRedraw: Bool, pictures: PictureFrame) {
        if !pictures.isEmpty { pictureFrames.append(pictures) }
        if fullRedraw { screen = Screen(width: size.width, height: size.height) }
        screen.apply(changes)
        frames += 1
    }

    func passThrough(_ bytes: [UInt8]) {
        passedThrough.append(bytes)
    }
}
