/// Finds bracketed pastes (`ESC[200~ text ESC[201~`) in what curses reads. Curses knows no key for these
/// markers, so it hands them over as separate characters after an ESC; this gathers the text between them
/// into one ``TerminalInput/paste(_:)``. Pure: the terminal feeds it what it reads.
struct BracketedPasteDecoder {
    /// One read from curses: a character, or something it decoded itself (a function key, the mouse, a resize).
    enum Read: Hashable, Sendable {
        case character(UInt32)
        case decoded(TerminalInput?)
    }

    static let start: [UInt32] = [27, 91, 50, 48, 48, 126]  // ESC [ 2 0 0 ~
    static let end: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~
    /// A paste whose end marker never comes is cut here, so input is not swallowed without bound.
    static let limit = 1 << 20

    /// A prefix of ``start`` (outside a paste) or of ``end`` (inside one) read so far.
    private var pending: [UInt32] = []
    /// The text of the paste being read; `nil` outside a paste.
    private var pasted: String.UnicodeScalarView?

    var isInPaste: Bool { pasted != nil }

    /// What one read means, once it is known: nothing yet (a marker may be starting), keys, or a whole paste.
    mutating func feed(_ read: Read) -> [TerminalInput] {
        guard pasted != nil else { return feedOutsidePaste(read) }
        guard case .character(let value) = read else { return [] }  // keys curses decoded inside a paste: dropped
        if value == Self.end[pending.count] {
            pending.append(value)
            guard pending.count == Self.end.count else { return [] }
            return finishPaste()
        }
        for byte in pending { append(byte) }
        pending = value == 27 ? [value] : []
        if value != 27 { append(value) }
        return pastedCount >= Self.limit ? finishPaste() : []
    }

    /// Scalars in the paste so far (counting a view's scalars would cost its length at every read).
    private var pastedCount = 0

    private mutating func append(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        pasted?.append(scalar)
        pastedCount += 1
    }

    private mutating func finishPaste() -> [TerminalInput] {
        let text = pasted.map(String.init) ?? ""
        pasted = nil
        pending = []
        pastedCount = 0
        return [.paste(text)]
    }

    /// The input went quiet: a start marker begun but not finished was keys after all (Esc, then others).
    /// Inside a paste nothing changes; its end marker is still to come.
    mutating func flush() -> [TerminalInput] {
        guard pasted == nil else { return [] }
        defer { pending = [] }
        return pending.compactMap { KeyDecoder.character($0).map(TerminalInput.key) }
    }

    private mutating func feedOutsidePaste(_ read: Read) -> [TerminalInput] {
        switch read {
        case .character(let value) where value == Self.start[pending.count]:
            pending.append(value)
            if pending.count == Self.start.count {
                pending = []
                pasted = String.UnicodeScalarView()
            }
            return []
        case .character(let value) where pending == [27]:
            // ESC then a letter in one burst is Alt+letter, for the letters fields use; any other is Esc, then the key.
            if let scalar = Unicode.Scalar(value), KeyDecoder.altLetters.contains(Character(scalar)) {
                pending = []
                return [.key(.alt(Character(scalar)))]
            }
            var inputs = flush()
            if value == 27 {
                pending = [value]
            } else if let key = KeyDecoder.character(value) {
                inputs.append(.key(key))
            }
            return inputs
        case .character(let value):
            var inputs = flush()
            if value == 27 {
                pending = [value]
            } else if let key = KeyDecoder.character(value) {
                inputs.append(.key(key))
            }
            return inputs
        case .decoded(let input):
            return flush() + (input.map { [$0] } ?? [])
        }
    }
}
