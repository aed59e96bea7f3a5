import CNCursesW

/// Turns curses key codes and characters into ``Key``s.
enum KeyDecoder {
    /// The letters read as Alt+letter after an ESC (Alt-B/Alt-F, a word back/forward; Alt-N/Alt-M, a sweep's count
    /// and seeds). Only these: a bare Esc
    /// typed just before another key (Esc, then `q`) must stay Esc and that key.
    static let altLetters: Set<Character> = ["b", "f", "n", "m"]

    static func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: .resize
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        case KEY_HOME: .key(.home)
        case KEY_END: .key(.end)
        case KEY_PPAGE: .key(.pageUp)
        case KEY_NPAGE: .key(.pageDown)
        case KEY_F0 + 1: .key(.f1)
        case KEY_BACKSPACE: .key(.backspace)
        case KEY_DC: .key(.delete)
        case KEY_BTAB: .key(.backTab)
        case KEY_ENTER: .key(.enter)
        default: nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }
}
