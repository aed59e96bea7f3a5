import CellWidth

/// A multi-line editor for a long text field (a prompt): the cursor moves by grapheme cluster,
/// lines wrap at the editor's width by display columns, and the view scrolls to the cursor.
///
/// Pure: the width and height it lays out for come from ``TextEditorGeometry``, so update and view agree.
struct TextEditor: Hashable, Sendable {
    /// The field it edits, by index in the form.
    let field: Int
    private(set) var characters: [Character]
    /// Each character's layout class and width, kept beside it so a keystroke in a long prompt costs no
    /// Unicode lookups for the whole text.
    private var glyphs: [Glyph]
    /// The cursor as an index into ``characters`` (`0...count`).
    private(set) var cursor: Int
    /// The first visual row shown.
    private(set) var top = 0
    /// The column ↑/↓ aim for, kept across short rows.
    private var goalColumn: Int?

    /// The cursor starts at `cursor` (a character offset, clamped), at the end when `nil`.
    init(field: Int, text: String, cursor: Int? = nil) {
        self.field = field
        characters = Array(text)
        glyphs = characters.map(Glyph.init)
        self.cursor = min(max(0, cursor ?? characters.count), characters.count)
    }

    /// What layout needs to know of a character.
    private struct Glyph: Hashable, Sendable {
        enum Kind: UInt8, Hashable, Sendable { case newline, space, other }
        let kind: Kind
        let width: UInt8

        init(_ character: Character) {
            kind = character == "\n" || character == "\r\n" ? .newline : character == " " ? .space : .other
            width = kind == .newline ? 0 : UInt8(CellWidth.of(character))
        }
    }

    /// The display columns of `characters[range]`.
    func columns(_ range: Range<Int>) -> Int {
        glyphs[range].reduce(0) { $0 + Int($1.width) }
    }

    var text: String { String(characters) }

    /// One visual row: `characters[start..<end]`, and whether a newline ends it.
    struct Row: Hashable, Sendable {
        let start: Int
        let end: Int
        let endsWithNewline: Bool
    }

    /// Breaks the text into rows no wider than `width` columns: after the last space of a row when a word would
    /// be cut, else (a word longer than the row, CJK) at the character that does not fit, wide ones whole.
    func rows(width: Int) -> [Row] {
        let width = max(2, width)
        var rows: [Row] = []
        var start = 0, column = 0
        /// The index just after the row's last space: where a word wrap breaks.
        var afterSpace: Int?
        for (index, glyph) in glyphs.enumerated() {
            if glyph.kind == .newline {
                rows.append(Row(start: start, end: index, endsWithNewline: true))
                start = index + 1
                column = 0
                afterSpace = nil
                continue
            }
            let w = Int(glyph.width)
            if glyph.kind == .space, column + w > width {
                // A space that does not fit hangs at the row's end (the view keeps a spare column) instead of starting a row.
                rows.append(Row(start: start, end: index + 1, endsWithNewline: false))
                start = index + 1
                column = 0
                afterSpace = nil
                continue
            }
            if column + w > width, column > 0 {
                let wrap = afterSpace
                let end = wrap ?? index
                rows.append(Row(start: start, end: end, endsWithNewline: false))
                start = end
                column = columns(end..<index)
                afterSpace = nil
                if column + w > width, column > 0 {
                    rows.append(Row(start: start, end: index, endsWithNewline: false))
                    start = index
                    column = 0
                }
            }
            column += w
            if glyph.kind == .space { afterSpace = index + 1 }
        }
        rows.append(Row(start: start, end: characters.count, endsWithNewline: false))
        return rows
    }

    /// The row and display column of the cursor. At a wrap point the cursor belongs to the next row.
    func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        let index = cursorPosition(in: rows)
        return (index, columns(rows[index].start..<cursor))
    }

    /// What a key did to the editor.
    enum Outcome: Hashable, Sendable {
        case editing
        /// Esc or ^O: the field takes the text back.
        case done(String)
    }

    /// A key while the editor has the keyboard (⏎ is a new line), laid out for `geometry`, scrolled to the cursor.
    /// The readline keys act on the visual row (`^A` `^E`) or the line (`^U` `^K`), as in a one-line field.
    mutating func update(_ key: Key, in geometry: TextEditorGeometry) -> Outcome {
        switch key {
        case .escape, .control("o"): return .done(text)
        case .enter: insertNewline()
        case .character(let c): insert(c)
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveVertically(by: -1, width: geometry.textWidth)
        case .down: moveVertically(by: 1, width: geometry.textWidth)
        case .home, .control("a"): moveToRowEdge(end: false, width: geometry.textWidth)
        case .end, .control("e"): moveToRowEdge(end: true, width: geometry.textWidth)
        case .alt("b"): move(to: LineEdit.wordStart(before: cursor, in: characters))
        case .alt("f"): move(to: LineEdit.wordEnd(after: cursor, in: characters))
        case .control("u"): cut(lineStart..<cursor)
        case .control("k"): cut(cursor..<(lineEnd == cursor ? min(characters.count, cursor + 1) : lineEnd))
        case .control("w"): cut(LineEdit.spaceDelimitedWordStart(before: cursor, in: characters)..<cursor)
        default: return .editing
        }
        scrollToCursor(width: geometry.textWidth, height: geometry.textHeight)
        return .editing
    }

    // MARK: Editing

    /// Inserts at the cursor; a combining mark or joiner merges into the character before it, as the display does.
    mutating func insert(_ character: Character) {
        goalColumn = nil
        if cursor > 0 {
            let merged = Array(String(characters[cursor - 1]) + String(character))
            if merged.count == 1 {
                characters[cursor - 1] = merged[0]
                glyphs[cursor - 1] = Glyph(merged[0])
                return
            }
        }
        characters.insert(character, at: cursor)
        glyphs.insert(Glyph(character), at: cursor)
        cursor += 1
    }

    mutating func insertNewline() { insert("\n") }

    /// Inserts a whole text at the cursor (a paste) in one move, not a character at a time.
    mutating func insert(contentsOf text: String) {
        let inserted = Array(text)
        guard let first = inserted.first else { return }
        insert(first)
        let rest = inserted.dropFirst()
        characters.insert(contentsOf: rest, at: cursor)
        glyphs.insert(contentsOf: rest.map(Glyph.init), at: cursor)
        cursor += rest.count
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        glyphs.remove(at: cursor - 1)
        cursor -= 1
        goalColumn = nil
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        glyphs.remove(at: cursor)
        goalColumn = nil
    }

    /// Removes `characters[range]`; the cursor goes to where they were.
    mutating func cut(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        characters.removeSubrange(range)
        glyphs.removeSubrange(range)
        cursor = range.lowerBound
        goalColumn = nil
    }

    /// The start of the cursor's line (after the newline before it).
    private var lineStart: Int {
        var index = cursor
        while index > 0, glyphs[index - 1].kind != .newline { index -= 1 }
        return index
    }

    /// The end of the cursor's line (its newline, or the end of the text).
    private var lineEnd: Int {
        var index = cursor
        while index < characters.count, glyphs[index].kind != .newline { index += 1 }
        return index
    }

    // MARK: Moving

    mutating func move(to offset: Int) {
        cursor = min(max(0, offset), characters.count)
        goalColumn = nil
    }

    mutating func moveLeft() {
        cursor = max(0, cursor - 1)
        goalColumn = nil
    }

    mutating func moveRight() {
        cursor = min(characters.count, cursor + 1)
        goalColumn = nil
    }

    /// To the start or the end of the visual row.
    mutating func moveToRowEdge(end: Bool, width: Int) {
        let rows = rows(width: width)
        let row = rows[cursorPosition(width: width).row]
        cursor = end ? (row.endsWithNewline || row.end == characters.count ? row.end : max(row.start, row.end - 1)) : row.start
        goalColumn = nil
    }

    /// Up or down one visual row, to the character at the goal column (or the row's end if shorter).
    mutating func moveVertically(by offset: Int, width: Int) {
        let rows = rows(width: width)
        let position = cursorPosition(width: width)
        let goal = goalColumn ?? position.column
        let target = position.row + offset
        guard rows.indices.contains(target) else {
            cursor = offset < 0 ? 0 : characters.count
            goalColumn = nil
            return
        }
        let row = rows[target]
        var index = row.start, column = 0
        // The last position of a wrapped row is the next row's start, so stop one short there.
        let last = row.endsWithNewline || target == rows.count - 1 ? row.end : max(row.start, row.end - 1)
        while index < last {
            let w = Int(glyphs[index].width)
            if column + w > goal { break }
            column += w
            index += 1
        }
        cursor = index
        goalColumn = goal
    }

    /// Scrolls the least needed so the cursor's row is among the `height` rows shown.
    mutating func scrollToCursor(width: Int, height: Int) {
        let rows = rows(width: width)
        let row = cursorPosition(in: rows)
        if row < top { top = row }
        if row >= top + height { top = row - height + 1 }
        top = max(0, min(top, max(0, rows.count - height)))
        if row < top { top = row }
    }

    /// The row the cursor is on, given the rows already laid out.
    func cursorPosition(in rows: [Row]) -> Int {
        for (index, row) in rows.enumerated() where cursor >= row.start && cursor <= row.end {
            if cursor == row.end, !row.endsWithNewline, index + 1 < rows.count { continue }
            return index
        }
        return rows.count - 1
    }
}

/// Where the editor sits: the whole body between the header and the status line, inside a border.
struct TextEditorGeometry: Hashable, Sendable {
    let frame: Rect
    /// The columns text may use: the frame less its border, padding and a column for the cursor at a row's end.
    var textWidth: Int { max(2, frame.width - 5) }
    /// Rows of text: the frame less its border and title line.
    var textHeight: Int { max(1, frame.height - 3) }

    init(width: Int, height: Int) {
        frame = Rect(column: 0, row: 1, width: width, height: max(0, height - 3))
    }
}
