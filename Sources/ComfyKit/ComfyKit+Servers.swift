import AsyncHTTPClient
import Foundation
import Logging

extension ComfyKit {
    /// A kit whose ComfyUI runs go to several servers: each run goes to the one with the least work (its queue
    /// plus our prompts sent there and not started) among those that have the workflow's node classes and the
    /// models and other combo values it names. Every other setting, credentials included, is `configuration`'s;
    /// the API key and cookies go to each server's own origin only, as with one server.
    ///
    /// ```swift
    /// let kit = ComfyKit(servers: [URL(string: "http://box1:8188")!, URL(string: "http://box2:8188")!],
    ///                    configuration: try ComfyKitConfiguration.resolve())
    /// ```
    /// The first server is ``client``'s; with one server, runs go there as with ``init(configuration:httpClient:logger:runningHubTiming:)``.
    public convenience init(servers: [URL], configuration: ComfyKitConfiguration, httpClient: HTTPClient = .comfyKit, logger: Logger = Logger(label: "comfykit")) {
        self.init(
            servers: servers.map { ServerEntry(baseURL: $0, apiKey: configuration.comfyUIAPIKey, cookies: configuration.cookies) },
            configuration: configuration, httpClient: httpClient, logger: logger)
    }

    /// A kit whose ComfyUI runs are routed over `servers`, each with its own name and credentials (as
    /// ``ServersFile`` names them); every other setting is `configuration`'s.
    ///
    /// ```swift
    /// let file = try ServersFile.load(ServersFile.location()!)
    /// let kit = ComfyKit(servers: ["box1", "box2"].compactMap { file.servers[$0] }, configuration: try .resolve())
    /// ```
    public convenience init(servers: [ServerEntry], configuration: ComfyKitConfiguration, httpClient: HTTPClient = .comfyKit, logger: Logger = Logger(label: "comfykit")) {
        var routed = configuration
        if let first = servers.first {
            routed.servers = servers
            routed.comfyUIBaseURL = first.baseURL
            routed.comfyUIAPIKey = first.apiKey
            routed.cookies = first.cookies
        }
        self.init(routing: routed, httpClient: httpClient, logger: logger, runningHubTiming: RunningHubTiming())
    }

    /// A kit over `configuration.servers` (its first server its own, the rest its peers), each server with its own
    /// credentials; one server, or none listed, is a kit of ``ComfyKitConfiguration/comfyUIBaseURL`` alone.
    convenience init(routing configuration: ComfyKitConfiguration, httpClient: HTTPClient, logger: Logger, runningHubTiming: RunningHubTiming) {
        guard configuration.servers.count > 1, let first = configuration.servers.first else {
            self.init(configuration: configuration, httpClient: httpClient, logger: logger, runningHubTiming: runningHubTiming,
                      socketPingPeriod: SocketLimits.pingPeriod)
            return
        }
        let peers = configuration.servers.dropFirst().map { entry in
            ComfyKit(configuration: configuration.only(entry), httpClient: httpClient, logger: logger, runningHubTiming: runningHubTiming,
                     socketPingPeriod: SocketLimits.pingPeriod)
        }
        var own = configuration.only(first)
        own.servers = configuration.servers
        self.init(configuration: own, httpClient: httpClient, logger: logger, runningHubTiming: runningHubTiming,
                  socketPingPeriod: SocketLimits.pingPeriod, peers: peers)
    }

    /// The ComfyUI servers runs go to, as they are named in routing reports and sweep events (URLs without user info).
    public var serverNames: [String] { ([self] + peers).map(\.serverName) }

    /// Whether runs are routed to RunningHub too (`--server runninghub` with its routing workflow and a key); routing
    /// reports name it ``ServerReference/runningHubName``.
    public var routesToRunningHub: Bool { runningHubLoad != nil }

    /// This kit's own server as routing reports and the run history name it: its servers.toml name, else its URL.
    public var serverName: String {
        configuration.servers.first { $0.baseURL == configuration.comfyUIBaseURL }?.name ?? configuration.comfyUIBaseURL.redactedForDisplay
    }

    /// The executor of this kit's own server.
    func comfyUIExecutor(kind: ExecutorKind) -> ComfyUIExecutor {
        ComfyUIExecutor(
            client: client, queueReader: queueReader, hub: kind == .websocket ? hub : nil,
            media: ComfyUIMediaStore(client: client, httpClient: httpClient), executionTimes: executionTimes)
    }

    /// A router over this kit's server and its peers, sharing the kit's count of waiting prompts.
    func router(kind: ExecutorKind, routing: RoutingReport) -> RouterExecutor {
        var members = ([self] + peers).map { kit in
            RouterExecutor.Member(
                name: kit.serverName, client: kit.client, queueReader: kit.queueReader,
                executor: kit.comfyUIExecutor(kind: kind), objectInfo: kit.objectInfoStore)
        }
        if let member = runningHubMember() { members.append(member) }
        return RouterExecutor(
            members: members, state: routerState, onRouted: { _, server in routing.onRouted(server) }, onSkipped: routing.onSkipped,
            onRerouted: routing.onRerouted)
    }
}

extension ComfyKit {
    /// RunningHub as the router sees it, when asked for: graphs sent whole under the routing workflow, its load from
    /// its queue status. Its `/object_info` cannot be read, so every workflow is taken to fit; RunningHub's own
    /// validation (`promptTips`) says otherwise.
    func runningHubMember() -> RouterExecutor.Member? {
        guard let runningHubLoad, let runningHub, let workflowID = configuration.runningHubRouting else { return nil }
        let executor = RunningHubExecutor(
            client: runningHub, workflowID: workflowID, defaultTimeout: configuration.runningHubTimeout,
            instanceType: configuration.runningHubInstanceType, httpClient: httpClient, logger: logger, routesGraph: true)
        return RouterExecutor.Member(
            name: ServerReference.runningHubName, executor: executor, load: runningHubLoad.load,
            probe: { instant in await runningHubLoad.refresh(requestedAfter: instant) }, fit: { _ in .fits })
    }
}

/// Who hears where a run was routed, and which servers were passed over and why.
struct RoutingReport: Sendable {
    /// Route through the router even with one server (a sweep does, for its fit check and its reasons).
    var always = false
    var onRouted: @Sendable (_ server: String) -> Void = { _ in }
    var onSkipped: @Sendable (_ server: String, _ reason: String) -> Void = { _, _ in }
    var onRerouted: @Sendable (_ from: String, _ to: String, _ reason: String) -> Void = { _, _, _ in }
}
