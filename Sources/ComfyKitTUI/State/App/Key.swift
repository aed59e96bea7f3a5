/// A key press, decoded by the terminal backend; the state layer never sees terminal codes.
enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1: help from anywhere, even a text field (where `?` is typed).
    case f1
    /// Ctrl plus a letter, e.g. `.control("c")`.
    case control(Character)
    /// Alt (Meta) plus a letter, which terminals send as ESC then the letter: `.alt("b")` moves back a word.
    case alt(Character)
}
