import ComfyKit

/// One of the servers runs are routed over, as the header shows it: its name and what its last probe found.
struct ServerLine: Hashable, Sendable {
    /// The name routing reports use (``ComfyKit/serverNames``): a servers.toml name, or the URL.
    let name: String
    var status: ServerStatus = .unknown

    /// The name as the header shows it: `host:port` for a URL, a configured name as it is.
    var shortName: String { ServerReference.shortName(name) }
}

extension AppState {
    /// This session's runs going on the server named `name` (sent there and not ended).
    func ourRuns(on name: String) -> Int {
        runs.all.count { $0.isActive && $0.server == name }
    }

    /// A run was sent to `server`: the panel and the runs screen say so, and its record says where it ran.
    mutating func noteRouted(runID: Int, server: String) -> [Effect] {
        guard let index = runs.all.firstIndex(where: { $0.id == runID }) else { return [] }
        runs.all[index].server = server
        runs.all[index].log.append("sent to \(server)")
        return runs.all[index].recordID.map { [.recordServer(recordID: $0, server: server)] } ?? []
    }
}
