/// The router's decision without the network, for `comfykit-bench route`: each server's fit from its
/// `/object_info`, its queue length as last heard (``ServerLoad``), then ``RouterState/reserve(_:)``, exactly the
/// steps ``RouterExecutor`` takes per prompt once the catalogs are kept and the lengths fresh.
package struct RoutingBench: Sendable {
    let workflow: Workflow
    let catalogs: [ObjectInfo]
    let loads: [ServerLoad]
    let state: RouterState

    /// `servers` servers that each have `objectInfo`, each heard with an empty queue.
    package init(workflow: Workflow, objectInfo: ObjectInfo, servers: Int) {
        self.workflow = workflow
        catalogs = Array(repeating: objectInfo, count: servers)
        loads = (0..<servers).map { _ in
            let load = ServerLoad()
            load.heard(queueLength: 0)
            return load
        }
        state = RouterState(count: servers)
    }

    /// One decision; the chosen server, whose prompt counts as started at once when `startAfter` (so the number
    /// in flight stays as it is).
    package func decide(startAfter: Bool) async -> Int? {
        var table = RoutingTable(servers: [])
        for (index, catalog) in catalogs.enumerated() {
            let load = loads[index].snapshot
            table.servers.append(.init(
                name: "server \(index)", queueLength: load.queueLength, ourWaiting: 0, fit: ServerFit(workflow, objectInfo: catalog),
                isUp: load.failingSince == nil && load.heardAt != nil, heardAt: load.heardAt))
        }
        guard case .success(let reservation) = await state.reserve(table) else { return nil }
        if startAfter {
            await state.started(reservation)
            await state.ended(reservation.server)
        }
        return reservation.server
    }
}
