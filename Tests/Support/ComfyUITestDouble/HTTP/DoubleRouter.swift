/// Dispatches a request to the route that handles it, 404/405 like aiohttp otherwise.
struct DoubleRouter {
    let context: DoubleContext

    func route(_ request: IncomingRequest) async -> HTTPReply {
        let route = request.route
        switch (request.method, route) {
        case ("POST", "/prompt"): return await PromptRoutes(context: context).postPrompt(request)
        case ("GET", "/prompt"): return await PromptRoutes(context: context).getPrompt()
        case ("GET", "/queue"): return await PromptRoutes(context: context).getQueue()
        case ("POST", "/queue"): return await PromptRoutes(context: context).postQueue(request)
        case ("POST", "/interrupt"): return await PromptRoutes(context: context).postInterrupt(request)
        case ("GET", "/history"): return await HistoryRoutes(context: context).list(request)
        case ("POST", "/history"): return await HistoryRoutes(context: context).post(request)
        case ("GET", _) where route.hasPrefix("/history/"):
            return await HistoryRoutes(context: context).entry(String(route.dropFirst("/history/".count)))
        case ("GET", "/view"): return await ViewRoute(context: context).view(request)
        case ("POST", "/upload/image"), ("POST", "/upload/mask"): return await UploadRoute(context: context).upload(request)
        case ("GET", "/ws"): return .text("No WebSocket UPGRADE hdr: None\n Can \"Upgrade\" only to \"WebSocket\".", status: 400)
        default: break
        }
        if context.configuration.servesJobsAPI, request.apiPrefixed, let reply = await JobsRoutes(context: context).reply(request) { return reply }
        if let reply = InfoRoutes(context: context).reply(request) { return reply }
        return InfoRoutes.knownRoutes.contains(route) || Self.knownRoutes.contains(route) ? .methodNotAllowed : .notFound
    }

    private static let knownRoutes: Set<String> = ["/prompt", "/queue", "/interrupt", "/history", "/view", "/upload/image", "/upload/mask", "/ws"]
}
