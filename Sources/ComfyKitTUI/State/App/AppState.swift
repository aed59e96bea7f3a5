import ComfyKit
import ComfyKitPictures

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
    /// The server's queue and recent history, from every client (`Q`).
    case queue
    /// The run history (`h`): past runs, one inspected, re-run, downloaded or forgotten.
    case history
}

/// All of the app's state in one value: the components (list, forms, runs, help) and what they share (the
/// server, the clock, the status line, the size). Only ``update(_:_:)`` changes it.
struct AppState: Hashable, Sendable {
    var folder: String
    var serverURL: String
    var connection: ConnectionState = .unknown
    var server: ServerStatus = .unknown
    /// Every server runs are routed over, in order (the first is ``serverURL``'s); empty with one server.
    var servers: [ServerLine] = []
    /// Seconds on the app's monotonic clock, advanced by ``Message/clock(_:)``; runs time themselves with it.
    var clock: Double = 0
    var list = WorkflowList()
    var route: Route = .list
    var help = HelpComponent()
    /// `q` with runs in flight: the question, then the wait for their cancels.
    var quit = QuitComponent()
    /// A message shown whole in a box (Enter on a broken workflow); any of Esc, Enter or `q` closes it.
    var details: Details?
    /// The forms opened so far, by workflow path; values survive going back to the list.
    var forms: [String: FormComponent] = [:]
    /// The field texts last submitted, by workflow path, to prefill a form when it is first opened.
    var rememberedForms: FormMemory.Values = [:]
    var runs = RunsComponent()
    /// The server-queue screen.
    var queue = QueueComponent()
    /// The `h` screen's runs from the run history.
    var history = HistoryComponent()
    /// What the server's node inputs accept (`GET /object_info`), fetched once per connection; `nil` offline.
    var objectInfo: ObjectInfo?
    var isFetchingObjectInfo = false
    /// What editor files are converted with (the server's `/object_info`, or the copy kept on disk); `nil` until known.
    var catalog: WidgetCatalog?
    var isLoadingCatalog = false
    var status = ""
    /// How pictures are shown (`--images`), decided before the first frame.
    var pictures = PictureDisplay()
    /// Whether runs are recorded in the run history (and so can be re-attached and listed with `h`).
    var recording: HistoryRecording = .off
    /// Lines for the terminal once the screen is gone: runs left running, cancels the server did not confirm.
    var farewell: [String] = []
    var width = 80
    var height = 24

    init(folder: String, serverURL: String) {
        self.folder = folder
        self.serverURL = serverURL
    }

    /// The form on screen, if any.
    var currentForm: FormComponent? {
        if case .form(let path) = route { forms[path] } else { nil }
    }

    /// The run the panel shows: the selected one, else the newest.
    var currentRun: RunState? { runs.current }
}
