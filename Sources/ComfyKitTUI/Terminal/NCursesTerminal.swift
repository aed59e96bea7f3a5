import CNCursesW
import CellWidth
import ComfyKitPictures
import Glibc

/// The terminal backend over ncurses, the only code that calls it. Use it from one thread: curses is not thread-safe.
final class NCursesTerminal: TerminalBackend {
    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: Palette
    /// Pairs for pictures' symbol cells; `nil` without colours.
    private let picturePairs: PicturePairs?
    /// kitty pictures are deleted on the way out (sixel ones go with the screen).
    private let deletesKittyPictures: Bool
    private var pasteDecoder = BracketedPasteDecoder()
    /// Reads taken in one turn at most: a long paste is drawn once per this many, not once per key.
    static let readLimit = 4096

    /// Puts the terminal in curses mode; ``end()`` restores it (after a quit signal too), a crash handler
    /// restores what it can safely (``CrashRestore``).
    /// Run ``ClusterProbe`` before: it must read the terminal's answers before curses takes the input.
    init(environment: [String: String], theme: Theme, fallback: Theme?, mouse: Bool = true, pictures: PictureChoice? = nil) {
        setlocale(LC_ALL, "")
        deletesKittyPictures = pictures?.picture == .kitty
        CrashRestore.install(deletingKittyPictures: deletesKittyPictures ? (pictures?.passthrough == true ? .throughTmux : .direct) : nil)
        QuitSignals.install()
        initscr()
        window = shim_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(window, 50)
        if mouse {
            // Presses, not clicks: a click waits out the double-click interval before it is reported.
            mousemask(shim_button1_pressed() | shim_button4_pressed() | shim_button5_pressed(), nil)
            mouseinterval(0)
        }
        let hasColors = ResolvedTheme.wantsColor(environment: environment) && has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        palette = Palette(theme: .resolve(theme: theme, fallback: fallback, environment: environment,
                                          terminalHasColors: hasColors, terminalColors: hasColors ? Int(shim_colors()) : 0))
        palette.install()
        picturePairs = palette.theme.useColor
            ? PicturePairs(firstPair: Int32(StyleSlot.allCases.count + 1), terminalColors: palette.theme.terminalColors) : nil
        // Pastes arrive between ESC[200~ and ESC[201~: one message, and their newlines are never Enter.
        NCursesTerminal.writeRaw("\u{1B}[?2004h")
    }

    /// Columns and rows now.
    var size: (width: Int, height: Int) {
        (Int(shim_getmaxx(window)), Int(shim_getmaxy(window)))
    }

    /// Waits up to 50 ms for input, then takes whatever else is already waiting (up to ``readLimit`` reads) without
    /// waiting: a paste or a burst of keys is handled in one turn and drawn once. Empty on timeout. A quit signal
    /// received meanwhile comes first.
    func readInputs() -> [TerminalInput] {
        if let signal = QuitSignals.take() { return [.quitSignal(signal)] }
        var inputs: [TerminalInput] = []
        var reads = 0
        while reads < Self.readLimit, let read = readOnce() {
            if reads == 0 { wtimeout(window, 0) }
            reads += 1
            inputs += pasteDecoder.feed(read)
        }
        if reads > 0 { wtimeout(window, 50) }
        // A terminal that is gone (its emulator or ssh session closed without a SIGHUP reaching us) makes every
        // read fail at once, which would spin the loop: it is taken as the hangup it is, so runs are left recorded.
        if reads == 0, Self.inputHungUp() { return [.quitSignal(SIGHUP)] }
        return inputs + pasteDecoder.flush()
    }

    /// Whether standard input (curses' terminal) has hung up or is no longer open.
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func readOnce() -> BracketedPasteDecoder.Read? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES, Int32(character) == KEY_MOUSE { return .decoded(mouseInput()) }
        if result == KEY_CODE_YES { return .decoded(KeyDecoder.functionKey(Int32(character))) }
        return .character(UInt32(character))
    }

    private func mouseInput() -> TerminalInput? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        if event.bstate & shim_button4_pressed() != 0 { return .wheel(notches: -1) }
        if event.bstate & shim_button5_pressed() != 0 { return .wheel(notches: 1) }
        if event.bstate & shim_button1_pressed() != 0 { return .press(column: Int(event.x), row: Int(event.y)) }
        return nil
    }

    /// Writes only the given cells, then shows them; pictures are deleted before and written after (``PictureFrame``).
    func draw(_ changes: [CellChange], fullRedraw: Bool, pictures: PictureFrame) {
        for bytes in pictures.before { passThrough(bytes) }
        if fullRedraw { clearok(window, true) }
        // Erased sixel or iTerm2 pixels go only when their cells are written again: curses is told those lines are
        // not what it thinks, and writes them whole at the refresh.
        for rect in pictures.repaint { wredrawln(window, Int32(rect.row), Int32(rect.height)) }
        for change in changes {
            let position = change.row << 16 | change.column
            overlays[position] = nil
            guard !change.cell.isContinuation else { continue }
            if let colors = change.cell.colors, let pair = picturePairs?.pair(for: colors) {
                let attributes = palette.attributes(for: change.cell) & ~UInt32(shim_a_color())
                wattr_set(window, attr_t(attributes), Int16(pair), nil)
                mvwaddstr(window, Int32(change.row), Int32(change.column), change.cell.text)
                continue
            }
            wattrset(window, Int32(bitPattern: palette.attributes(for: change.cell)))
            if Self.needsOverlay(change.cell.text) {
                // Curses measures code point by code point and would lay the sequence out wrong: it keeps blanks
                // there, and the sequence itself is written over them after each refresh.
                mvwaddstr(window, Int32(change.row), Int32(change.column), String(repeating: " ", count: change.cell.width))
                overlays[position] = palette.sgr(for: change.cell) + change.cell.text
            } else {
                mvwaddstr(window, Int32(change.row), Int32(change.column), change.cell.text)
            }
        }
        wattrset(window, 0)
        wrefresh(window)
        writeOverlays()
        guard !pictures.after.isEmpty else { return }
        // At each picture's top-left cell, the cursor saved and restored around it: curses' idea of the terminal holds.
        var bytes: [UInt8] = []
        for write in pictures.after {
            bytes += Array("\u{1B}7\u{1B}[\(write.row + 1);\(write.column + 1)H".utf8) + write.bytes + Array("\u{1B}8".utf8)
        }
        passThrough(bytes)
    }

    private func writeOverlays() {
        guard !overlays.isEmpty else { return }
        // Save the cursor and attributes, write each sequence at its cell, restore: curses' idea of the terminal holds.
        var bytes = "\u{1B}7"
        for (position, text) in overlays.sorted(by: { $0.key < $1.key }) {
            bytes += "\u{1B}[\((position >> 16) + 1);\((position & 0xFFFF) + 1)H" + text
        }
        bytes += "\u{1B}[0m\u{1B}8"
        passThrough(Array(bytes.utf8))
    }

    /// Emoji sequences written past curses, by `row << 16 | column`: what must be written again after a refresh.
    private var overlays: [Int: String] = [:]

    /// A grapheme cluster curses cannot draw as one cell: several scalars, beyond combining marks.
    static func needsOverlay(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.count > 1 else { return false }
        return scalars.dropFirst().contains { $0.value == 0x200D || $0.value == 0xFE0F || CellWidth.of(scalar: $0) > 0 }
    }

    /// Writes an escape sequence curses knows nothing of (OSC 52) straight to the terminal, after the last frame.
    func passThrough(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Leaves curses mode and restores the terminal; kitty pictures are deleted (sixel ones go with the screen).
    func end() {
        if deletesKittyPictures { passThrough(CrashRestore.kittyDeleteAll(CrashRestore.kittyDelete)) }
        writeBracketedPasteOff()
        endwin()
    }

    /// One `write(2)` of a literal, outside curses.
    private static func writeRaw(_ sequence: StaticString) {
        _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }
}

/// Turns bracketed paste off again (`ESC[?2004l`), as every way out must.
private func writeBracketedPasteOff() {
    let sequence: StaticString = "\u{1B}[?2004l"
    _ = write(STDOUT_FILENO, sequence.utf8Start, sequence.utf8CodeUnitCount)
}
