/// The workflow list: the folder's entries as scanned, the highlighted one, the filter, and the scan in flight.
struct WorkflowList: Hashable, Sendable {
    var entries: [WorkflowEntry] = []
    var isLoading = true
    /// A workflow Enter was pressed on while it was still being read: it opens once read, if still highlighted.
    var pendingOpen: String?
    /// The index into ``visibleEntries`` of the highlighted workflow.
    var selected = 0
    /// The `/` filter being typed, edited with the readline keys.
    var filterLine = LineEdit()
    var filter: String {
        get { filterLine.text }
        set { filterLine = LineEdit(newValue) }
    }
    var isFiltering = false
    /// A rescan the folder watcher asked for, run once its changes settle.
    var autoRescan = AutoRescan()
    /// How far PageUp/PageDown move: the rows the list has on screen, set by the app as the terminal resizes.
    var pageRows = 10

    /// The entries the filter lets through, in folder order: those holding the filter's characters in order
    /// (`tx2` finds `txt2img`), as fzf-style pickers match.
    var visibleEntries: [WorkflowEntry] {
        guard !filter.isEmpty else { return entries }
        return entries.filter { isSubsequence(filter, of: $0.displayName) }
    }

    var selectedEntry: WorkflowEntry? {
        let visible = visibleEntries
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    /// The list's name for a workflow path; the path itself once it is no longer listed.
    func displayName(of path: String) -> String {
        entries.first { $0.path == path }?.displayName ?? path
    }

    /// What a key or click on the list asks of the app.
    enum Outcome: Hashable, Sendable {
        /// Handled here (a move, the filter).
        case handled
        /// Open the highlighted workflow.
        case open
        /// Not a list key: the app's own keys (help, rescan, runs, quit).
        case unhandled
    }

    mutating func update(_ message: ListMessage) -> Outcome {
        switch message {
        case .key(let key) where isFiltering: return filterKey(key)
        case .key(let key): return listKey(key)
        case .paste(let text):
            guard isFiltering else { return .unhandled }
            filterLine.insert(contentsOf: withoutNewlines(text))
            selected = 0
            return .handled
        case .click(let index):
            guard visibleEntries.indices.contains(index) else { return .handled }
            isFiltering = false
            if selected == index { return .open }
            selected = index
            return .handled
        }
    }

    private mutating func listKey(_ key: Key) -> Outcome {
        let count = visibleEntries.count
        switch key {
        case .character("j"), .down:
            if count > 0 { selected = min(selected + 1, count - 1) }
        case .character("k"), .up:
            selected = max(selected - 1, 0)
        case .pageDown:
            if count > 0 { selected = min(selected + max(1, pageRows - 1), count - 1) }
        case .pageUp:
            selected = max(selected - max(1, pageRows - 1), 0)
        case .home, .character("g"):
            selected = 0
        case .end, .character("G"):
            selected = max(0, count - 1)
        case .enter:
            return .open
        case .character("/"):
            isFiltering = true
        case .escape:
            if !filter.isEmpty {
                filter = ""
                selected = 0
            }
        default:
            return .unhandled
        }
        return .handled
    }

    private mutating func filterKey(_ key: Key) -> Outcome {
        switch key {
        case .enter:
            isFiltering = false
        case .escape:
            isFiltering = false
            filter = ""
        case .down, .up, .pageUp, .pageDown:
            isFiltering = false
            return listKey(key)
        default:
            // Only a change of the filter moves the selection back to the top; a cursor move keeps it.
            guard filterLine.apply(key) == .edited else { return .handled }
        }
        selected = 0
        return .handled
    }

    // MARK: The folder scan

    /// The directory listing: every file is listed, still being read. On a rescan, a file already on the list keeps
    /// what was read of it until its new reading arrives, so the list does not flash.
    mutating func applyListed(_ listed: [WorkflowEntry]) {
        let previous = Dictionary(entries.map { ($0.path, $0.content) }, uniquingKeysWith: { first, _ in first })
        var fresh = listed
        for index in fresh.indices {
            if let content = previous[fresh[index].path] { fresh[index].content = content }
        }
        replaceEntries(with: fresh)
        isLoading = true
    }

    /// Some files read: their entries take the content; entries no longer listed are ignored.
    mutating func applyRead(_ read: [WorkflowEntry]) {
        let indices = Dictionary(entries.indices.map { (entries[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in read {
            guard let index = indices[entry.path] else { continue }
            entries[index].content = entry.content
        }
    }

    /// The whole scan: its entries replace the list.
    mutating func applyScanned(_ scanned: [WorkflowEntry]) {
        replaceEntries(with: scanned)
        isLoading = false
        autoRescan.isScanning = false
    }

    /// One entry read again (^L in its form).
    mutating func applyReloaded(_ entry: WorkflowEntry) {
        if let index = entries.firstIndex(where: { $0.path == entry.path }) { entries[index].content = entry.content }
    }

    /// The list becomes `entries`; the highlighted workflow stays highlighted if it is still there.
    mutating func replaceEntries(with fresh: [WorkflowEntry]) {
        let selectedPath = selectedEntry?.path
        entries = fresh
        if let selectedPath, let index = visibleEntries.firstIndex(where: { $0.path == selectedPath }) {
            selected = index
        } else {
            selected = min(selected, max(0, visibleEntries.count - 1))
        }
    }

    /// The watcher saw a change: rescan once the burst settles (the first change of a burst sets the time).
    mutating func noteFolderChanged(at clock: Double) {
        if autoRescan.dueAt == nil { autoRescan.dueAt = clock + AutoRescan.settleDelay }
    }

    /// On each clock tick: true when the settled rescan is due and no scan is in flight (then it waits for it).
    mutating func startRescanIfDue(at clock: Double) -> Bool {
        guard let due = autoRescan.dueAt, clock >= due, !isLoading else { return false }
        autoRescan.dueAt = nil
        autoRescan.isScanning = true
        isLoading = true
        return true
    }
}

/// What reaches the list from the app: keys and pastes while it has the keyboard, clicks on its rows.
enum ListMessage: Hashable, Sendable {
    case key(Key)
    case paste(String)
    /// A click on a row, by index into ``WorkflowList/visibleEntries``.
    case click(index: Int)
}

/// Whether `needle`'s characters appear in `text` in order, case-insensitively.
func isSubsequence(_ needle: String, of text: String) -> Bool {
    var remaining = text.lowercased()[...]
    for character in needle.lowercased() {
        guard let index = remaining.firstIndex(of: character) else { return false }
        remaining = remaining[remaining.index(after: index)...]
    }
    return true
}
