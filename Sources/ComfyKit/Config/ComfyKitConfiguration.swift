import Foundation

/// Where and how ComfyKit runs workflows. Each setting comes from code, else the environment,
/// else its default; an unset variable is unset, and a malformed one is an error.
public struct ComfyKitConfiguration: Hashable, Sendable {
    /// The ComfyUI server (`COMFYUI_BASE_URL`); default ``defaultComfyUIBaseURL``.
    public var comfyUIBaseURL: URL
    /// How ComfyUI runs are followed (`COMFYUI_EXECUTOR_TYPE`): over the WebSocket (the default) or by polling HTTP only.
    public var executor: ExecutorKind
    /// The Comfy.org API-nodes key: sent as `Authorization: Bearer` to the ComfyUI origin only.
    public var comfyUIAPIKey: Secret?
    /// ComfyUI cookies (`COMFYUI_COOKIES`), sent to the ComfyUI origin only; `nil` sends none.
    public var cookies: CookieSource?
    /// The RunningHub site (`RUNNINGHUB_BASE_URL`); default ``defaultRunningHubBaseURL``.
    public var runningHubBaseURL: URL
    /// The RunningHub API key (`RUNNINGHUB_API_KEY`); `nil` disables RunningHub. Never falls back to the ComfyUI key.
    public var runningHubAPIKey: Secret?
    /// How long a RunningHub task may take; `nil` waits as long as it runs.
    public var runningHubTimeout: Duration?
    /// Retries of RunningHub requests that are safe to repeat (never `create`).
    public var runningHubRetryCount: Int
    /// `plus` selects the 48 GB machines.
    public var runningHubInstanceType: String?
    /// Where what was learnt from servers is kept between runs (each server's `/object_info`, so editor-format
    /// workflows convert offline): `$XDG_CACHE_HOME/comfykit`, else `~/.cache/comfykit`; `nil` keeps nothing.
    public var cacheDirectory: URL? = nil
    /// Every ComfyUI server runs go to, each with the credentials for its origin (`--server` repeated,
    /// `COMFYUI_BASE_URL` as a comma list, or `servers.toml`'s `default`). The first is ``comfyUIBaseURL``,
    /// with ``comfyUIAPIKey`` and ``cookies``; with more than one, ``ComfyKit/init(configuration:httpClient:logger:runningHubTiming:)``
    /// routes each run to the one with the least work.
    public var servers: [ServerEntry] = []
    /// RunningHub as one more server prompts are routed to, up to its concurrency limit: the stored RunningHub
    /// workflow whose machine runs them (`create` sends each prompt's whole graph, which overrides the stored one's).
    /// `nil`, the default, never routes a prompt there. Set by naming `runninghub` among the servers (`--server
    /// runninghub`, `COMFYUI_BASE_URL=box1,runninghub`) with `RUNNINGHUB_ROUTING_WORKFLOW`, or in code.
    public var runningHubRouting: RunningHubWorkflowID? = nil

    /// `http://127.0.0.1:8188`, where a local ComfyUI listens by default.
    public static let defaultComfyUIBaseURL = URL(string: "http://127.0.0.1:8188")!
    /// `https://www.runninghub.ai`, RunningHub's international site.
    public static let defaultRunningHubBaseURL = URL(string: "https://www.runninghub.ai")!

    /// Settings given in code; `nil` means "not given here".
    public struct Overrides: Hashable, Sendable {
        /// Overrides ``ComfyKitConfiguration/comfyUIBaseURL`` (`COMFYUI_BASE_URL`); `host:port` without a scheme means `http`.
        public var comfyUIBaseURL: URL?
        /// Overrides ``ComfyKitConfiguration/executor`` (`COMFYUI_EXECUTOR_TYPE`).
        public var executor: ExecutorKind?
        /// Overrides ``ComfyKitConfiguration/comfyUIAPIKey`` (`COMFYUI_API_KEY`).
        public var comfyUIAPIKey: Secret?
        /// Overrides ``ComfyKitConfiguration/cookies`` (`COMFYUI_COOKIES`).
        public var cookies: CookieSource?
        /// Overrides ``ComfyKitConfiguration/runningHubBaseURL`` (`RUNNINGHUB_BASE_URL`).
        public var runningHubBaseURL: URL?
        /// Overrides ``ComfyKitConfiguration/runningHubAPIKey`` (`RUNNINGHUB_API_KEY`).
        public var runningHubAPIKey: Secret?
        /// Overrides ``ComfyKitConfiguration/runningHubTimeout`` (`RUNNINGHUB_TIMEOUT`, in seconds); must be positive.
        public var runningHubTimeout: Duration?
        /// Overrides ``ComfyKitConfiguration/runningHubRetryCount`` (`RUNNINGHUB_RETRY_COUNT`); 0 to 20, default 3.
        public var runningHubRetryCount: Int?
        /// Overrides ``ComfyKitConfiguration/runningHubInstanceType`` (`RUNNINGHUB_INSTANCE_TYPE`).
        public var runningHubInstanceType: String?
        /// Overrides ``ComfyKitConfiguration/cacheDirectory`` (else `$XDG_CACHE_HOME/comfykit` or `~/.cache/comfykit`).
        public var cacheDirectory: URL?
        /// Overrides ``ComfyKitConfiguration/servers`` (`COMFYUI_BASE_URL` as a comma list, else `servers.toml`'s
        /// `default`): URLs, or names from the servers file. Wins over ``comfyUIBaseURL`` when both are given.
        public var servers: [ServerReference]?
        /// Where the named servers are read from (else ``ServersFile/location(environment:)``).
        public var serversFile: URL?
        /// Routes prompts to RunningHub too, under this stored workflow (``ComfyKitConfiguration/runningHubRouting``);
        /// also the workflow `runninghub` among ``servers`` routes under (else `RUNNINGHUB_ROUTING_WORKFLOW`).
        public var runningHubRouting: RunningHubWorkflowID?

        /// Settings given in code; every one left `nil` comes from the environment or its default in ``ComfyKitConfiguration/resolve(_:environment:)``.
        public init(
            comfyUIBaseURL: URL? = nil, executor: ExecutorKind? = nil, comfyUIAPIKey: Secret? = nil,
            cookies: CookieSource? = nil, runningHubBaseURL: URL? = nil, runningHubAPIKey: Secret? = nil,
            runningHubTimeout: Duration? = nil, runningHubRetryCount: Int? = nil, runningHubInstanceType: String? = nil,
            cacheDirectory: URL? = nil, servers: [ServerReference]? = nil, serversFile: URL? = nil
        ) {
            self.servers = servers
            self.serversFile = serversFile
            self.comfyUIBaseURL = comfyUIBaseURL
            self.executor = executor
            self.comfyUIAPIKey = comfyUIAPIKey
            self.cookies = cookies
            self.runningHubBaseURL = runningHubBaseURL
            self.runningHubAPIKey = runningHubAPIKey
            self.runningHubTimeout = runningHubTimeout
            self.runningHubRetryCount = runningHubRetryCount
            self.runningHubInstanceType = runningHubInstanceType
            self.cacheDirectory = cacheDirectory
        }
    }

    /// Resolves code > environment > default.
    public static func resolve(
        _ code: Overrides = Overrides(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> ComfyKitConfiguration {
        let env = EnvironmentReader(environment)
        let rhURL = try url(code.runningHubBaseURL, codeName: "runningHubBaseURL", env: env, variable: "RUNNINGHUB_BASE_URL") ?? defaultRunningHubBaseURL
        var executor = code.executor ?? .websocket
        if code.executor == nil, let text = env.value("COMFYUI_EXECUTOR_TYPE") {
            guard let kind = ExecutorKind(parsing: text) else {
                throw .invalid(variable: "COMFYUI_EXECUTOR_TYPE", value: text, expected: "websocket (or ws) or http")
            }
            executor = kind
        }
        var cookies = code.cookies
        if cookies == nil, let text = env.value("COMFYUI_COOKIES") { cookies = try CookieSource(parsing: text) }
        let apiKey = code.comfyUIAPIKey ?? env.value("COMFYUI_API_KEY").map(Secret.init)
        let (servers, namesRunningHub) = try resolveServers(code, env: env, apiKey: apiKey, cookies: cookies)
        let runningHubAPIKey = code.runningHubAPIKey ?? env.value("RUNNINGHUB_API_KEY").map(Secret.init)
        let runningHubRouting = try resolveRunningHubRouting(code, env: env, named: namesRunningHub, apiKey: runningHubAPIKey)
        var timeout = code.runningHubTimeout
        if let given = timeout, given <= .zero {
            throw .invalid(variable: "runningHubTimeout", value: "\(given)", expected: "a positive duration (nil for no timeout)")
        }
        if timeout == nil, let text = env.value("RUNNINGHUB_TIMEOUT") {
            guard let seconds = Double(text.trimmingWhitespace()), seconds.isFinite, seconds > 0 else {
                throw .invalid(variable: "RUNNINGHUB_TIMEOUT", value: text, expected: "a positive number of seconds (unset it for no timeout)")
            }
            timeout = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var retries = code.runningHubRetryCount ?? 3
        var retriesName = "runningHubRetryCount"
        if code.runningHubRetryCount == nil, let text = env.value("RUNNINGHUB_RETRY_COUNT") {
            retriesName = "RUNNINGHUB_RETRY_COUNT"
            guard let n = Int(text.trimmingWhitespace()) else {
                throw .invalid(variable: retriesName, value: text, expected: "a whole number from 0 to 20")
            }
            retries = n
        }
        guard (0...20).contains(retries) else {
            throw .invalid(variable: retriesName, value: String(retries), expected: "a whole number from 0 to 20")
        }
        return ComfyKitConfiguration(
            comfyUIBaseURL: servers[0].baseURL,
            executor: executor,
            comfyUIAPIKey: servers[0].apiKey,
            cookies: servers[0].cookies,
            runningHubBaseURL: rhURL,
            // No fallback to COMFYUI_API_KEY: that key must never be sent to RunningHub.
            runningHubAPIKey: runningHubAPIKey,
            runningHubTimeout: timeout,
            runningHubRetryCount: retries,
            runningHubInstanceType: code.runningHubInstanceType ?? env.value("RUNNINGHUB_INSTANCE_TYPE"),
            cacheDirectory: code.cacheDirectory ?? defaultCacheDirectory(env),
            servers: servers,
            runningHubRouting: runningHubRouting
        )
    }

    /// RunningHub's part in routing: only when asked for (named among the servers, or given in code), and then with
    /// its key and the stored workflow its prompts run under, or an error that says which is missing.
    private static func resolveRunningHubRouting(
        _ code: Overrides, env: EnvironmentReader, named: Bool, apiKey: Secret?
    ) throws(ConfigError) -> RunningHubWorkflowID? {
        guard named || code.runningHubRouting != nil else { return nil }
        guard apiKey != nil else {
            throw .invalid(variable: "--server", value: "runninghub", expected: "a RunningHub key to route prompts there (set RUNNINGHUB_API_KEY)")
        }
        if let given = code.runningHubRouting { return given }
        guard let text = env.value("RUNNINGHUB_ROUTING_WORKFLOW") else {
            throw .invalid(
                variable: "--server", value: "runninghub",
                expected: "RUNNINGHUB_ROUTING_WORKFLOW set to the id of a workflow saved and run once on RunningHub (routed prompts run on its machine)")
        }
        guard let id = RunningHubWorkflowID(text) else {
            throw .invalid(variable: "RUNNINGHUB_ROUTING_WORKFLOW", value: text, expected: "a RunningHub workflow id (digits)")
        }
        return id
    }

    /// The servers named in code, else by `COMFYUI_BASE_URL` (one URL or a comma list of URLs and names), else by
    /// `servers.toml`'s `default`, else the default server; each with its own credentials, else the given ones.
    /// Also whether `runninghub` is named among them (it is no ComfyUI server: ``runningHubRouting`` says how it is used).
    private static func resolveServers(
        _ code: Overrides, env: EnvironmentReader, apiKey: Secret?, cookies: CookieSource?
    ) throws(ConfigError) -> (servers: [ServerEntry], namesRunningHub: Bool) {
        var references: [ServerReference]
        if let given = code.servers, !given.isEmpty {
            references = given
        } else if let url = code.comfyUIBaseURL {
            references = [.url(try baseURL(url.absoluteString, variable: "comfyUIBaseURL"))]
        } else if let list = env.value("COMFYUI_BASE_URL") {
            references = []
            for piece in list.split(separator: ",") where !String(piece).trimmingWhitespace().isEmpty {
                references.append(try ServerReference(parsing: String(piece), variable: "COMFYUI_BASE_URL"))
            }
        } else {
            references = []
        }
        let namesRunningHub = references.contains(.runningHub)
        references.removeAll { $0 == .runningHub }
        var file: ServersFile?
        func namedServers() throws(ConfigError) -> ServersFile {
            if let file { return file }
            let location = code.serversFile ?? ServersFile.location(environment: env.environment)
            let loaded = try location.map { url throws(ConfigError) in try ServersFile.load(url, environment: env.environment) } ?? ServersFile()
            file = loaded
            return loaded
        }
        if references.isEmpty {
            references = try namedServers().defaultNames.map { .named($0) }
        }
        if references.isEmpty { references = [.url(defaultComfyUIBaseURL)] }
        var entries: [ServerEntry] = []
        for reference in references {
            var entry: ServerEntry
            switch reference {
            case .runningHub:
                continue
            case .url(let url):
                entry = ServerEntry(baseURL: try baseURL(url.absoluteString, variable: "--server"))
            case .named(let name):
                let named = try namedServers()
                // A bare host (`gpu-box`) stays a host for those who name no servers.
                if named.servers.isEmpty, named.defaultNames.isEmpty {
                    entry = ServerEntry(baseURL: try baseURL(name, variable: "--server"))
                    break
                }
                guard let found = named.servers[name] else {
                    let known = named.servers.keys.sorted()
                    let file = (code.serversFile ?? ServersFile.location(environment: env.environment))?.path ?? "servers.toml"
                    throw .invalid(
                        variable: "--server", value: name,
                        expected: known.isEmpty ? "a server URL (\(file) names no servers)" : "a server URL or one of \(known.joined(separator: ", ")) (from \(file))")
                }
                entry = found
            }
            entry.apiKey = entry.apiKey ?? apiKey
            entry.cookies = entry.cookies ?? cookies
            if let same = entries.first(where: { $0.baseURL == entry.baseURL }) {
                throw .invalid(variable: "--server", value: entry.name, expected: "each server once (\(same.name) is \(entry.baseURL.redactedForDisplay) too)")
            }
            entries.append(entry)
        }
        return (entries, namesRunningHub)
    }

    /// `$XDG_CACHE_HOME/comfykit`, else `$HOME/.cache/comfykit`.
    private static func defaultCacheDirectory(_ env: EnvironmentReader) -> URL? {
        if let xdg = env.value("XDG_CACHE_HOME") { return URL(fileURLWithPath: xdg).appendingPathComponent("comfykit") }
        if let home = env.value("HOME") { return URL(fileURLWithPath: home).appendingPathComponent(".cache/comfykit") }
        return nil
    }

    /// The code's URL, else the variable's, validated; `nil` when neither is set.
    private static func url(_ given: URL?, codeName: String, env: EnvironmentReader, variable: String) throws(ConfigError) -> URL? {
        if let given { return try baseURL(given.absoluteString, variable: codeName) }
        if let text = env.value(variable) { return try baseURL(text, variable: variable) }
        return nil
    }

    /// A server address as a user types it (`--server`): an http(s) URL, or `host:port` meaning
    /// `http://host:port`. Anything else (`foo://bar`, a URL with a password or a query) is an error that
    /// names `--server` and never echoes a password.
    public static func serverURL(_ text: String) throws(ConfigError) -> URL {
        try baseURL(text, variable: "--server")
    }

    /// An http(s) base URL; `host:port` without a scheme means `http://host:port`.
    static func baseURL(_ text: String, variable: String) throws(ConfigError) -> URL {
        var trimmed = text.trimmingWhitespace()
        if !trimmed.contains("://") { trimmed = "http://" + trimmed }
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let parts = URLComponents(string: trimmed),
            let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            // The host's range: URLComponents' host getters run IDNA through ICU, which maps MBs of its data for good.
            let host = parts.rangeOfHost, !host.isEmpty, parts.query == nil, parts.fragment == nil,
            let url = parts.url
        else {
            throw .invalid(variable: variable, value: redactingUserInfo(text), expected: "an http(s) URL such as http://127.0.0.1:8188")
        }
        // A password in the base URL would be copied into every /view URL, printed and saved with results;
        // and nothing would send it, since credentials travel as COMFYUI_API_KEY and COMFYUI_COOKIES.
        guard parts.user == nil, parts.password == nil else {
            throw .invalid(
                variable: variable, value: url.redactedForDisplay,
                expected: "a URL without user:password@ (give credentials as COMFYUI_API_KEY or COMFYUI_COOKIES)")
        }
        return url
    }
}

/// `text` with any `user:password` before an `@` in its authority replaced, for an error about a URL
/// that may not even parse.
func redactingUserInfo(_ text: String) -> String {
    let start = text.range(of: "://")?.upperBound ?? text.startIndex
    let authorityEnd = text[start...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
    guard let at = text[start..<authorityEnd].lastIndex(of: "@") else { return text }
    return String(text[..<start]) + "<redacted>" + String(text[at...])
}

/// Environment lookups where an empty value counts as unset.
struct EnvironmentReader {
    let environment: [String: String]
    init(_ environment: [String: String]) { self.environment = environment }

    func value(_ name: String) -> String? {
        guard let v = environment[name], !v.trimmingWhitespace().isEmpty else { return nil }
        return v
    }
}
