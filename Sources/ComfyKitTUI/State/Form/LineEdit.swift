/// One line of text being typed, with its cursor, and the readline keys every text field shares: ←/→ Home/End
/// and `^A` `^E` move, Alt-B/Alt-F move by word, `^U` `^K` cut to the start/end, `^W` cuts the word before the
/// cursor, Backspace/Delete delete one character. The form's fields, the list's and history's `/` filters and the
/// choice picker's filter all edit through it.
///
/// Pure: the cursor is a character offset into ``text`` (`0...count`).
struct LineEdit: Hashable, Sendable {
    private(set) var text: String
    private(set) var cursor: Int

    /// The cursor starts at `cursor` (clamped), at the end when `nil`.
    init(_ text: String = "", cursor: Int? = nil) {
        self.text = text
        self.cursor = min(max(0, cursor ?? text.count), text.count)
    }

    /// What a key did to the line.
    enum Outcome: Hashable, Sendable {
        /// The text changed (and maybe the cursor).
        case edited
        /// Only the cursor moved.
        case moved
        /// Not a line-editing key: the caller's to handle.
        case ignored
    }

    /// Applies a line-editing key; any other key is ``Outcome/ignored`` and changes nothing.
    mutating func apply(_ key: Key) -> Outcome {
        let before = self
        switch key {
        case .character(let c): insert(c)
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: move(to: cursor - 1)
        case .right: move(to: cursor + 1)
        case .home, .control("a"): move(to: 0)
        case .end, .control("e"): move(to: text.count)
        case .alt("b"): move(to: Self.wordStart(before: cursor, in: Array(text)))
        case .alt("f"): move(to: Self.wordEnd(after: cursor, in: Array(text)))
        case .control("u"): cut(0..<cursor)
        case .control("k"): cut(cursor..<text.count)
        case .control("w"): cut(Self.spaceDelimitedWordStart(before: cursor, in: Array(text))..<cursor)
        default: return .ignored
        }
        return text == before.text ? .moved : .edited
    }

    /// The text with `mark` at the cursor, for a filter drawn as plain text.
    func marked(_ mark: String = "▏") -> String {
        let split = text.index(text.startIndex, offsetBy: cursor)
        return text[..<split] + mark + text[split...]
    }

    /// Inserts at the cursor; a combining mark or joiner merges into the character before it, as the display does.
    mutating func insert(_ character: Character) {
        insert(contentsOf: String(character))
    }

    /// Inserts a whole text at the cursor (a paste), the cursor after it.
    mutating func insert(contentsOf inserted: String) {
        let split = text.index(text.startIndex, offsetBy: cursor)
        let before = String(text[..<split]) + inserted
        text = before + text[split...]
        cursor = min(before.count, text.count)
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cut((cursor - 1)..<cursor)
    }

    mutating func deleteForward() {
        guard cursor < text.count else { return }
        cut(cursor..<(cursor + 1))
    }

    /// Moves the cursor, clamped to the text.
    mutating func move(to offset: Int) {
        cursor = min(max(0, offset), text.count)
    }

    /// Removes the characters in `range` (offsets); the cursor goes to where they were.
    private mutating func cut(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let start = text.index(text.startIndex, offsetBy: range.lowerBound)
        let end = text.index(start, offsetBy: range.count)
        text.removeSubrange(start..<end)
        cursor = range.lowerBound
    }

    // MARK: Words

    /// A word character for Alt-B/Alt-F, as readline has it: letters and digits.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Alt-B: the start of the word at or before `offset` (non-word characters before it skipped).
    static func wordStart(before offset: Int, in characters: [Character]) -> Int {
        var index = min(offset, characters.count)
        while index > 0, !isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0, isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    /// Alt-F: the end of the word at or after `offset` (non-word characters after it skipped).
    static func wordEnd(after offset: Int, in characters: [Character]) -> Int {
        var index = max(0, offset)
        while index < characters.count, !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
        return index
    }

    /// ^W: back over blanks, then to the blank before the word, as readline's unix-word-rubout (`a/b.png` goes whole).
    static func spaceDelimitedWordStart(before offset: Int, in characters: [Character]) -> Int {
        var index = min(offset, characters.count)
        while index > 0, characters[index - 1].isWhitespace { index -= 1 }
        while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }
}
