/// The `?` (F1) overlay: while shown it takes every key; Esc, `?`, F1 or `q` close it.
struct HelpComponent: Hashable, Sendable {
    var isShown = false

    mutating func update(_ key: Key) {
        if key == .escape || key == .character("?") || key == .character("q") || key == .f1 { isShown = false }
    }
}
