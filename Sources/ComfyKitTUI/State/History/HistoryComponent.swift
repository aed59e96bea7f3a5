import ComfyKit
import ComfyKitHistory

/// The `h` screen: past runs newest first, narrowed as you type after `/` (workflow, status, param text),
/// one run inspected whole with Enter, re-run with `R`, its outputs downloaded with `d`, forgotten with `x`.
struct HistoryComponent: Hashable, Sendable {
    /// The runs the last query returned, newest first, and how many match in all.
    var records: [RunRecord] = []
    var total = 0
    /// The `/` filter being typed, edited with the readline keys.
    var filterLine = LineEdit()
    var filter: String { filterLine.text }
    var isFiltering = false
    var isLoading = false
    /// The index into ``records`` of the highlighted run.
    var selected = 0
    /// The highlighted run shown whole (params, outputs, message, where it ran), scrolled by ``inspectOffset`` lines.
    var isInspecting = false
    var inspectOffset = 0
    /// `x` asks first: the run forgotten when `y` confirms.
    var confirmingForget: String?
    /// How far PageUp/PageDown move, set by the app as the terminal resizes.
    var pageRows = 10

    /// The most runs one query lists (the filter narrows further back).
    static let limit = 500

    var selectedRecord: RunRecord? { records.indices.contains(selected) ? records[selected] : nil }

    /// What the store is asked for: the filter's text against workflow, status and params.
    var query: RunFilter { RunFilter(text: filter.isEmpty ? nil : filter, limit: Self.limit) }

    /// What a message asks of the app.
    enum Outcome: Hashable, Sendable {
        case effects([Effect])
        /// Esc with nothing left to undo here: back to the list.
        case back
        /// `R`: open the run's form with its values.
        case rerun(RunRecord)
        /// Not a history key: the app's own (help, quit).
        case unhandled
    }

    /// The screen opens on the newest runs, reading them afresh.
    mutating func open() -> [Effect] {
        isLoading = true
        isInspecting = false
        confirmingForget = nil
        return [.loadHistory(query)]
    }

    mutating func update(_ message: HistoryMessage, status: inout String) -> Outcome {
        switch message {
        case .key(let key):
            if let id = confirmingForget {
                confirmingForget = nil
                guard key == .character("y") else {
                    status = "run \(id) kept"
                    return .effects([])
                }
                status = "forgetting run \(id)…"
                return .effects([.forgetRecord(id: id)])
            }
            if isFiltering { return filterKey(key) }
            return isInspecting ? inspectKey(key, status: &status) : listKey(key, status: &status)
        case .paste(let text):
            guard isFiltering else { return .unhandled }
            var line = filterLine
            line.insert(contentsOf: text.filter { !$0.isNewline })
            return changeFilter(to: line)
        case .loaded(let text, let found, let count):
            // An answer to a filter typed over since is stale.
            guard text == filter else { return .effects([]) }
            isLoading = false
            let previous = selectedRecord?.id
            records = found
            total = count
            selected = previous.flatMap { id in found.firstIndex { $0.id == id } } ?? min(selected, max(0, found.count - 1))
            if selectedRecord == nil { isInspecting = false }
        case .failed(let reason):
            isLoading = false
            status = "the run history cannot be read: \(reason)"
        case .forgotten(let id):
            records.removeAll { $0.id == id }
            total = max(0, total - 1)
            selected = min(selected, max(0, records.count - 1))
            isInspecting = false
            status = "run \(id) forgotten (its downloaded files stay)"
        case .downloaded(let id, let paths, let failures):
            status = "run \(id): " + (failures.isEmpty ? "saved " + paths.joined(separator: ", ")
                : "\(failures.count) download(s) failed: " + failures.joined(separator: "; "))
            return .effects([.loadHistory(query)])
        }
        return .effects([])
    }

    /// The list of runs: move, filter, inspect, and the keys every view of a run shares.
    private mutating func listKey(_ key: Key, status: inout String) -> Outcome {
        let count = records.count
        switch key {
        case .character("j"), .down: selected = min(selected + 1, max(0, count - 1))
        case .character("k"), .up: selected = max(selected - 1, 0)
        case .pageDown: selected = min(selected + max(1, pageRows - 1), max(0, count - 1))
        case .pageUp: selected = max(selected - max(1, pageRows - 1), 0)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = max(0, count - 1)
        case .character("/"): isFiltering = true
        case .enter:
            guard selectedRecord != nil else { return .effects([]) }
            isInspecting = true
            inspectOffset = 0
        case .escape:
            guard !filter.isEmpty else { return .back }
            return changeFilter(to: LineEdit())
        default:
            return runKey(key, status: &status)
        }
        return .effects([])
    }

    /// One run whole: scroll it; Esc goes back to the list.
    private mutating func inspectKey(_ key: Key, status: inout String) -> Outcome {
        switch key {
        case .character("j"), .down: inspectOffset += 1
        case .character("k"), .up: inspectOffset = max(0, inspectOffset - 1)
        case .pageDown: inspectOffset += max(1, pageRows - 1)
        case .pageUp: inspectOffset = max(0, inspectOffset - max(1, pageRows - 1))
        case .home, .character("g"): inspectOffset = 0
        case .end, .character("G"): inspectOffset = Int.max / 2
        case .escape, .enter: isInspecting = false
        default: return runKey(key, status: &status)
        }
        return .effects([])
    }

    /// `R` re-run, `d` download, `x` forget: the highlighted run, from the list or inspected.
    private mutating func runKey(_ key: Key, status: inout String) -> Outcome {
        guard [.character("R"), .character("d"), .character("x")].contains(key) else { return .unhandled }
        guard let record = selectedRecord else {
            status = "no run highlighted"
            return .effects([])
        }
        switch key {
        case .character("R"):
            return .rerun(record)
        case .character("d"):
            guard let result = record.result, !(result.images + result.videos + result.audios).isEmpty else {
                status = "run \(record.id) has no output files to download"
                return .effects([])
            }
            status = "run \(record.id): downloading \((result.images + result.videos + result.audios).count) file(s)…"
            return .effects([.downloadRecord(id: record.id, result: result)])
        default:
            confirmingForget = record.id
            status = "forget run \(record.id) (\(record.workflowName))? y forgets it, any other key keeps it"
            return .effects([])
        }
    }

    /// Typing narrows the list as you go; Enter keeps the filter, Esc clears it.
    private mutating func filterKey(_ key: Key) -> Outcome {
        switch key {
        case .enter: isFiltering = false
        case .escape:
            isFiltering = false
            return changeFilter(to: LineEdit())
        case .down: selected = min(selected + 1, max(0, records.count - 1))
        case .up: selected = max(selected - 1, 0)
        default:
            var line = filterLine
            guard line.apply(key) != .ignored else { break }
            return changeFilter(to: line)
        }
        return .effects([])
    }

    /// The filter as edited; a new text asks the store again, a cursor move only moves the cursor.
    private mutating func changeFilter(to line: LineEdit) -> Outcome {
        let changed = line.text != filter
        filterLine = line
        guard changed else { return .effects([]) }
        selected = 0
        isLoading = true
        return .effects([.loadHistory(query)])
    }
}

/// What reaches the history screen: its keys, pastes into its filter, and the runtime's answers.
enum HistoryMessage: Hashable, Sendable {
    case key(Key)
    case paste(String)
    /// The runs matching `filter` (newest first, at most ``HistoryComponent/limit``) and how many match in all.
    case loaded(filter: String, records: [RunRecord], total: Int)
    case failed(reason: String)
    case forgotten(id: String)
    /// A recorded run's output files saved (`paths`), and why others were not.
    case downloaded(id: String, paths: [String], failures: [String])
}
