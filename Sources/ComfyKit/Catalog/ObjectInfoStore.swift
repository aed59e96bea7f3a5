import Foundation

/// A server's `GET /object_info`, read once per kit and kept on disk, so that editor-format workflows
/// convert (and forms know their widgets) when the server is away.
actor ObjectInfoStore {
    private let client: ComfyUIClient
    /// `<cache>/object-info/<host>_<port>.json`; `nil` keeps nothing on disk.
    private let file: URL?
    private var document: JSONObject?
    /// The document read into classes and inputs, once: the router checks every prompt against it.
    private var catalogCache: ObjectInfo?

    init(client: ComfyUIClient, cacheDirectory: URL?) {
        self.client = client
        file = cacheDirectory.map { ObjectInfoStore.file(in: $0, for: client.server.baseURL) }
    }

    /// The server's answer, fetched the first time; the copy on disk when the server cannot be reached.
    func objectInfo() async throws(WorkflowError) -> JSONObject {
        if let document { return document }
        do {
            let fetched = try await client.objectInfo()
            document = fetched
            save(fetched)
            return fetched
        } catch {
            if let saved = load() {
                document = saved
                return saved
            }
            throw .needsObjectInfo(source: client.server.description, reason: "\(error)")
        }
    }

    /// ``objectInfo()`` read into node classes and their inputs, kept after the first call.
    func catalog() async throws(WorkflowError) -> ObjectInfo {
        if let catalogCache { return catalogCache }
        let catalog = ObjectInfo(try await objectInfo())
        catalogCache = catalog
        return catalog
    }

    /// Where a server's answer is kept: one file per origin, named without any credential.
    static func file(in cacheDirectory: URL, for server: URL) -> URL {
        let host = (server.host ?? "server").map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        let port = server.port.map { "_\($0)" } ?? ""
        let scheme = server.scheme?.lowercased() == "https" ? "https_" : ""
        return cacheDirectory.appendingPathComponent("object-info").appendingPathComponent(scheme + String(host) + port + ".json")
    }

    private func save(_ document: JSONObject) {
        guard let file else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(JSONValue.object(document).serialized()).write(to: file, options: .atomic)
    }

    private func load() -> JSONObject? {
        guard let file, let bytes = try? Data(contentsOf: file) else { return nil }
        return (try? JSONValue(parsing: Array(bytes)))?.objectValue
    }
}
