extension ComfyKit {
    /// Starts a run of a loaded workflow, as ``run(_:params:options:)-(LoadedWorkflow,_,_)``, and tells `routed` the
    /// name of the server it is sent to (as ``serverNames`` names it): the one the router chose among several,
    /// else this kit's own. A RunningHub run, or one that fails before it is routed, never calls it.
    ///
    /// ```swift
    /// let run = kit.run(loaded, params: ["seed": .int(7)]) { server in print("on \(server)") }
    /// ```
    public func run(
        _ loaded: LoadedWorkflow, params: [String: ParamValue] = [:], options: RunOptions = RunOptions(),
        routed: @escaping @Sendable (_ server: String) -> Void
    ) -> RunHandle {
        let ownServer = serverName
        let isRouted = !peers.isEmpty
        return start(options: options, params: params, routing: RoutingReport(onRouted: routed)) { () -> Target in
            if let id = loaded.runningHubID { return .runningHub(id, graph: loaded.workflow) }
            if !isRouted { routed(ownServer) }
            return .comfyUI(loaded.workflow)
        }
    }
}
