/// The list of a combo field's choices, open over the form: typing narrows it, ↑/↓ move, ⏎ picks.
struct ChoicePicker: Hashable, Sendable {
    /// The field it fills, by index in the form.
    let field: Int
    let choices: [String]
    /// What is typed to narrow the choices, edited with the readline keys.
    var filterLine = LineEdit()
    var filter: String { filterLine.text }
    /// Index into ``visible``.
    var selected = 0

    /// Opens on the field's current value when it is one of the choices.
    init(field: Int, choices: [String], current: String) {
        self.field = field
        self.choices = choices
        selected = choices.firstIndex(of: current) ?? 0
    }

    /// How far PageUp/PageDown move.
    static let pageRows = 10

    /// The choices holding the filter's characters in order, case-insensitively (fzf-style), in the server's order.
    var visible: [String] {
        guard !filter.isEmpty else { return choices }
        return choices.filter { isSubsequence(filter, of: $0) }
    }

    var selection: String? {
        let visible = visible
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    /// What a key did to the picker.
    enum Outcome: Hashable, Sendable {
        /// Still open (a move, the filter, or a key it ignores).
        case open
        /// Esc, or ⏎ with nothing matching the filter.
        case closed
        /// ⏎ on a choice: the field takes it.
        case picked(String)
    }

    /// A key while the picker has the keyboard: typing narrows it (with the readline keys), ↑/↓/PageUp/PageDown/Home/End
    /// move, ⏎ picks, Esc closes.
    mutating func update(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .closed
        case .enter: return selection.map(Outcome.picked) ?? .closed
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .home: move(by: -choices.count)
        case .end: move(by: choices.count)
        case .pageUp: move(by: -Self.pageRows)
        case .pageDown: move(by: Self.pageRows)
        default:
            if filterLine.apply(key) == .edited { selected = 0 }
        }
        return .open
    }

    mutating func move(by offset: Int) {
        let count = visible.count
        guard count > 0 else { return }
        selected = min(max(0, selected + offset), count - 1)
    }

    mutating func type(_ character: Character) {
        filterLine.insert(character)
        selected = 0
    }
}
