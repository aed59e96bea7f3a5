import AsyncHTTPClient
import Foundation
import Logging

/// Runs DSL-annotated ComfyUI workflows and returns structured results.
///
/// ```swift
/// let kit = try ComfyKit()                              // COMFYUI_BASE_URL etc., else defaults
/// let result = await kit.execute(.file(path: "txt2img.json"), params: ["prompt": "a red fox"])
/// print(result.images)
/// ```
///
/// One instance shares one HTTP connection pool and one WebSocket (one `clientId`) among all its
/// runs, which may go on concurrently. Call ``close()`` when done.
public final class ComfyKit: Sendable {
    /// The settings this kit was made with, fully resolved (code, else environment, else defaults).
    public let configuration: ComfyKitConfiguration
    /// The ComfyUI HTTP API, for calls beyond running workflows (queue, object info, …).
    public let client: ComfyUIClient
    /// The RunningHub API; `nil` when no RunningHub key is configured.
    public let runningHub: RunningHubClient?
    let httpClient: HTTPClient
    let hub: EventHub
    let queueReader: SharedQueueReader
    let loader: WorkflowLoader
    let objectInfoStore: ObjectInfoStore
    /// How long the server took for the last run of each workflow, for the HTTP executor's polls.
    let executionTimes = ExecutionTimes()
    let logger: Logger
    /// The kits of the other servers runs are routed over (``init(servers:configuration:)``); empty for one server.
    let peers: [ComfyKit]
    /// Our prompts waiting on each server, shared by every routed run of this kit.
    let routerState: RouterState
    /// The sweeps that have not ended (``sweepsEnded()``).
    let sweepTasks = SweepTasks()
    /// RunningHub's tasks and concurrency limit, when prompts are routed there too (``ComfyKitConfiguration/runningHubRouting``).
    let runningHubLoad: RunningHubLoadReader?

    /// Uses a resolved configuration; with several ``ComfyKitConfiguration/servers``, each run goes to the one with
    /// the least work, as with ``init(servers:configuration:httpClient:logger:)``.
    public convenience init(
        configuration: ComfyKitConfiguration, httpClient: HTTPClient = .comfyKit, logger: Logger = Logger(label: "comfykit"),
        runningHubTiming: RunningHubTiming = RunningHubTiming()
    ) {
        self.init(routing: configuration, httpClient: httpClient, logger: logger, runningHubTiming: runningHubTiming)
    }

    /// A kit whose socket takes over the `clientId` another process submitted prompts under, so that following
    /// them again (``follow(promptID:workflow:options:)``) shows their node progress, which ComfyUI sends to the
    /// submitter's socket only. That process's socket, if it is still open, stops receiving events.
    ///
    /// ```swift
    /// let submitter = try await ComfyKit(configuration: configuration).client.submitter(of: promptID)
    /// let kit = ComfyKit(configuration: configuration, socketClientID: submitter)
    /// ```
    public convenience init(configuration: ComfyKitConfiguration, socketClientID: String?) {
        self.init(configuration: configuration, httpClient: .comfyKit, logger: Logger(label: "comfykit"), runningHubTiming: RunningHubTiming(),
                  socketPingPeriod: SocketLimits.pingPeriod, socketClientID: socketClientID)
    }

    /// Also sets how often the socket is pinged (tests shorten it to see a silent socket replaced quickly) and
    /// the socket's `clientId` (nil for a new one).
    init(
        configuration: ComfyKitConfiguration, httpClient: HTTPClient, logger: Logger, runningHubTiming: RunningHubTiming,
        socketPingPeriod: Duration, socketClientID: String? = nil, peers: [ComfyKit] = []
    ) {
        self.peers = peers
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        let credentials = Credentials(apiKey: configuration.comfyUIAPIKey, cookies: configuration.cookies, httpClient: httpClient)
        let server = ComfyUIServer(baseURL: configuration.comfyUIBaseURL)
        client = ComfyUIClient(server: server, httpClient: httpClient, credentials: credentials)
        let load = ServerLoad()
        hub = EventHub(server: server, credentials: credentials, logger: logger, jobsAPI: client.jobsAPI, pingPeriod: socketPingPeriod,
                       clientID: socketClientID, load: load)
        queueReader = SharedQueueReader(client: client, load: load)
        loader = WorkflowLoader(httpClient: httpClient)
        objectInfoStore = ObjectInfoStore(client: client, cacheDirectory: configuration.cacheDirectory)
        runningHub = configuration.runningHubAPIKey.map { key in
            RunningHubClient(
                site: configuration.runningHubBaseURL, apiKey: key, retryCount: configuration.runningHubRetryCount,
                timing: runningHubTiming, httpClient: httpClient)
        }
        runningHubLoad = configuration.runningHubRouting == nil ? nil : runningHub.map { RunningHubLoadReader(client: $0) }
        routerState = RouterState(count: peers.count + 1 + (runningHubLoad == nil ? 0 : 1))
    }

    /// Resolves settings from `overrides`, else the environment, else defaults.
    public convenience init(_ overrides: ComfyKitConfiguration.Overrides = .init(), environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) {
        self.init(configuration: try ComfyKitConfiguration.resolve(overrides, environment: environment))
    }

    /// Talks to the ComfyUI server at `baseURL`; every other setting from the environment, else defaults.
    public convenience init(baseURL: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) {
        try self.init(.init(comfyUIBaseURL: baseURL), environment: environment)
    }

    /// Closes the WebSocket. Runs still going end as if the socket dropped (they fall back to polling).
    /// Closing twice does nothing more; a kit nobody holds closes itself.
    public func close() async {
        await hub.shutdown()
        for peer in peers { await peer.close() }
    }

    deinit {
        // The socket's connection task holds the hub, not the kit: without this it would stay open.
        Task { [hub] in await hub.shutdown() }
    }

    // MARK: Inspecting

    /// Loads a workflow and reads its DSL; a RunningHub workflow's DSL is read from its cloud graph.
    public func inspect(_ source: WorkflowSource) async throws -> WorkflowSpec {
        try WorkflowSpec(try await load(source).workflow)
    }

    /// The server's `GET /object_info`, read once per kit and kept in ``ComfyKitConfiguration/cacheDirectory``;
    /// the kept copy when the server cannot be reached.
    public func objectInfo() async throws(WorkflowError) -> JSONObject {
        try await objectInfoStore.objectInfo()
    }

    /// The API-format graph of an editor-format workflow, converted with the server's `/object_info`.
    public func workflow(converting editor: EditorWorkflow) async throws(WorkflowError) -> Workflow {
        try editor.workflow(catalog: WidgetCatalog(try await objectInfo()))
    }

    /// Loads a workflow's graph: from a file, a URL or memory (an editor-format one converted with the
    /// server's `/object_info`), or, for a RunningHub id or `_source: runninghub` stub, from RunningHub
    /// (`getJsonApiFormat`).
    public func load(_ source: WorkflowSource) async throws -> LoadedWorkflow {
        switch try await loader.load(source) {
        case .workflow(let workflow):
            return LoadedWorkflow(workflow: workflow, runningHubID: nil)
        case .editor(let editor):
            return LoadedWorkflow(workflow: try await workflow(converting: editor), runningHubID: nil)
        case .runningHub(let id, _):
            guard let runningHub else { throw RunningHubError.missingAPIKey(site: configuration.runningHubBaseURL.absoluteString) }
            return LoadedWorkflow(workflow: try await runningHub.workflow(id), runningHubID: id)
        }
    }

    // MARK: Running

    /// Starts a run and returns at once; follow it through ``RunHandle/events``.
    /// RunningHub ids and stubs run on RunningHub, everything else on ComfyUI.
    public func run(_ source: WorkflowSource, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) -> RunHandle {
        start(options: options, params: params) { [loader, self] in
            switch try await loader.load(source) {
            case .workflow(let workflow): .comfyUI(workflow)
            case .editor(let editor): .comfyUI(try await workflow(converting: editor))
            case .runningHub(let id, _): .runningHub(id, graph: nil)
            }
        }
    }

    /// Starts a run of an already loaded ComfyUI workflow.
    public func run(_ workflow: Workflow, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) -> RunHandle {
        start(options: options, params: params) { .comfyUI(workflow) }
    }

    /// Starts a run of a workflow from ``load(_:)``, where it came from (ComfyUI or RunningHub).
    public func run(_ loaded: LoadedWorkflow, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) -> RunHandle {
        start(options: options, params: params) { () -> Target in
            if let id = loaded.runningHubID { return .runningHub(id, graph: loaded.workflow) }
            return .comfyUI(loaded.workflow)
        }
    }

    /// Runs a workflow to its end. Never throws: failures are results with status `error`,
    /// `interrupted` or `timeout` and a message.
    public func execute(_ source: WorkflowSource, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) async -> ExecuteResult {
        await run(source, params: params, options: options).result
    }

    /// Runs a workflow from ``load(_:)`` to its end, where it came from (ComfyUI or RunningHub).
    public func execute(_ loaded: LoadedWorkflow, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) async -> ExecuteResult {
        await run(loaded, params: params, options: options).result
    }

    /// Runs an in-memory API-format workflow (`{"6": {"class_type": …}}`) to its end.
    public func executeJSON(_ json: JSONValue, params: [String: ParamValue] = [:], options: RunOptions = RunOptions()) async -> ExecuteResult {
        await execute(.json(json, name: "workflow"), params: params, options: options)
    }

    // MARK: Params from variables

    /// `run(_:params:options:)` of a `WorkflowSource` with Swift values (`["width": width]`) as params.
    @_disfavoredOverload
    public func run(_ source: WorkflowSource, params: [String: any ParamConvertible], options: RunOptions = RunOptions()) -> RunHandle {
        run(source, params: params.paramValues, options: options)
    }

    /// `run(_:params:options:)` of a `LoadedWorkflow` with Swift values as params.
    @_disfavoredOverload
    public func run(_ loaded: LoadedWorkflow, params: [String: any ParamConvertible], options: RunOptions = RunOptions()) -> RunHandle {
        run(loaded, params: params.paramValues, options: options)
    }

    /// `execute(_:params:options:)` of a `WorkflowSource` with Swift values as params.
    @_disfavoredOverload
    public func execute(_ source: WorkflowSource, params: [String: any ParamConvertible], options: RunOptions = RunOptions()) async -> ExecuteResult {
        await execute(source, params: params.paramValues, options: options)
    }

    /// `execute(_:params:options:)` of a `LoadedWorkflow` with Swift values as params.
    @_disfavoredOverload
    public func execute(_ loaded: LoadedWorkflow, params: [String: any ParamConvertible], options: RunOptions = RunOptions()) async -> ExecuteResult {
        await execute(loaded, params: params.paramValues, options: options)
    }

    /// What a run executes on: a ComfyUI graph, or a RunningHub workflow and its cloud graph once fetched.
    enum Target: Sendable {
        case comfyUI(Workflow)
        case runningHub(RunningHubWorkflowID, graph: Workflow?)
    }

    func start(
        options: RunOptions, params: [String: ParamValue], routing: RoutingReport = RoutingReport(),
        load: @escaping @Sendable () async throws -> Target
    ) -> RunHandle {
        RunHandle.start { [self] control, emit in
            do {
                let (executor, workflow) = try await executor(for: try await load(), options: options, routing: routing)
                switch ExecutionJob.prepare(workflow, values: params, options: options) {
                case .success(let job): return await executor.execute(job, control: control, emit: emit)
                case .failure(let failure): return .failed(failure)
                }
            } catch let error as WorkflowError {
                return .failed(.workflow(error))
            } catch let error as RunFailure {
                return .failed(error)
            } catch let error as RunningHubError {
                return .failed(.runningHub(error))
            } catch {
                return .failed(.unsupported("\(error)"))
            }
        }
    }

    /// The executor for a target, and the graph it runs (a RunningHub graph is fetched when not given).
    private func executor(for target: Target, options: RunOptions, routing: RoutingReport) async throws -> (any Executor, Workflow) {
        switch target {
        case .comfyUI(let workflow):
            let kind = options.executor ?? configuration.executor
            if !peers.isEmpty || routing.always || runningHubLoad != nil { return (router(kind: kind, routing: routing), workflow) }
            return (comfyUIExecutor(kind: kind), workflow)
        case .runningHub(let id, let graph):
            guard let runningHub else { throw RunFailure.runningHub(.missingAPIKey(site: configuration.runningHubBaseURL.absoluteString)) }
            let executor = RunningHubExecutor(
                client: runningHub, workflowID: id, defaultTimeout: configuration.runningHubTimeout,
                instanceType: configuration.runningHubInstanceType, httpClient: httpClient, logger: logger)
            if let graph { return (executor, graph) }
            return (executor, try await runningHub.workflow(id))
        }
    }
}

/// `dump` shows the server and settings, never the HTTP client's pool (live requests carry credentials).
extension ComfyKit: CustomReflectable {
    /// Shows the configuration and the server, and nothing of the HTTP client.
    public var customMirror: Mirror {
        Mirror(self, children: ["configuration": configuration, "server": client.server.description], displayStyle: .class)
    }
}

/// A workflow's graph and, for a RunningHub workflow, its id: what `run(_:params:options:)` of a `LoadedWorkflow` runs.
public struct LoadedWorkflow: Hashable, Sendable {
    /// The API-format graph (for RunningHub, the cloud graph with its DSL titles).
    public let workflow: Workflow
    /// Set when the workflow runs on RunningHub.
    public let runningHubID: RunningHubWorkflowID?

    /// Pairs a graph with the RunningHub id it runs under; `nil` runs it on ComfyUI.
    public init(workflow: Workflow, runningHubID: RunningHubWorkflowID?) {
        self.workflow = workflow
        self.runningHubID = runningHubID
    }
}
