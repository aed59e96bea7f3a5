import ComfyKit

/// The state of the server connection, as the header shows it.
enum ConnectionState: Hashable, Sendable {
    case unknown
    case connected
    case lost
}

/// Which screen has the keyboard.
enum Route: Hashable, Sendable {
    case list
    case form(workflowPath: String)
    /// The selected run in full: progress, outputs by name with their downloads, and the log.
    case runs
}

/// All of the app's state in one value; only ``update(_:_:)`` changes it.
struct AppState: Hashable, Sendable {
    var folder: String
    var serverURL: String
    var connection: ConnectionState = .unknown
    var server: ServerStatus = .unknown
    /// Seconds on the app's monotonic clock, advanced by ``Message/clock(_:)``; runs time themselves with it.
    var clock: Double = 0
    var entries: [WorkflowEntry] = []
    var isLoading = true
    /// A workflow Enter was pressed on while it was still being read: it opens once read, if still highlighted.
    var pendingOpen: String?
    /// The index into ``visibleEntries`` of the highlighted workflow.
    var selected = 0
    var filter = ""
    var isFiltering = false
    var route: Route = .list
    var showsHelp = false
    /// The forms opened so far, by workflow path; values survive going back to the list.
    var forms: [String: FormState] = [:]
    /// The field texts last submitted, by workflow path, to prefill a form when it is first opened.
    var rememberedForms: FormMemory.Values = [:]
    var runs: [RunState] = []
    var nextRunID = 1
    /// The run the panel shows, picked with `[`/`]`; `nil` follows the newest.
    var selectedRunID: Int?
    /// The highlighted output URL of the selected run, an index into its ``RunState/resultURLs``.
    var selectedOutput = 0
    /// A rescan the folder watcher asked for, run once its changes settle.
    var autoRescan = AutoRescan()
    /// What the server's node inputs accept (`GET /object_info`), fetched once per connection; `nil` offline.
    var objectInfo: ObjectInfo?
    var isFetchingObjectInfo = false
    var status = ""
    var width = 80
    var height = 24

    init(folder: String, serverURL: String) {
        self.folder = folder
        self.serverURL = serverURL
    }

    /// The entries the filter lets through, in folder order.
    var visibleEntries: [WorkflowEntry] {
        guard !filter.isEmpty else { return entries }
        let needle = filter.lowercased()
        return entries.filter { $0.displayName.lowercased().contains(needle) }
    }

    var selectedEntry: WorkflowEntry? {
        let visible = visibleEntries
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    /// The form on screen, if any.
    var currentForm: FormState? {
        if case .form(let path) = route { forms[path] } else { nil }
    }

    /// The run the panel shows: the selected one, else the newest.
    var currentRun: RunState? { runs.last(where: { $0.id == selectedRunID }) ?? runs.last }

    /// True while a key press types text (a form field or the filter), so `q` and `?` are text.
    var isTyping: Bool {
        if isFiltering { return true }
        if case .form = route { return true }
        return false
    }
}
