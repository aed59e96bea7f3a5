/// The `?` overlay: while shown it takes every key; Esc, `?` or `q` close it.
struct HelpComponent: Hashable, Sendable {
    var isShown = false

    mutating func update(_ key: Key) {
        if key == .escape || key == .character("?") || key == .character("q") { isShown = false }
    }
}
