/// The list of a combo field's choices, open over the form: typing narrows it, ↑/↓ move, ⏎ picks.
struct ChoicePicker: Hashable, Sendable {
    /// The field it fills, by index in the form.
    let field: Int
    let choices: [String]
    var filter = ""
    /// Index into ``visible``.
    var selected = 0

    /// Opens on the field's current value when it is one of the choices.
    init(field: Int, choices: [String], current: String) {
        self.field = field
        self.choices = choices
        selected = choices.firstIndex(of: current) ?? 0
    }

    /// The choices containing the filter, case-insensitively, in the server's order.
    var visible: [String] {
        guard !filter.isEmpty else { return choices }
        let needle = filter.lowercased()
        return choices.filter { $0.lowercased().contains(needle) }
    }

    var selection: String? {
        let visible = visible
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    mutating func move(by offset: Int) {
        let count = visible.count
        guard count > 0 else { return }
        selected = min(max(0, selected + offset), count - 1)
    }

    mutating func type(_ character: Character) {
        filter.append(character)
        selected = 0
    }

    mutating func deleteBackward() {
        guard !filter.isEmpty else { return }
        filter.removeLast()
        selected = 0
    }
}
