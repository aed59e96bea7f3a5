import Foundation

/// Where a prompt recorded as in flight can be followed again, among a kit's servers (``ComfyKit/place(ofPrompt:recordedOn:within:)``).
public enum RecordedPromptPlace: Hashable, Sendable {
    /// The configured server of this name knows it (queued, running or ended there), or is the server it was
    /// recorded on and answers: follow it with ``ComfyKit/server(named:)``'s kit (one that forgot it reports it lost).
    case server(String)
    /// The server it was recorded on is configured but does not answer, and no other server knows the prompt.
    case down(server: String, reason: String)
    /// The server it was recorded on is not one of the kit's servers, and none of them knows the prompt.
    case notConfigured(server: String, configured: [String])
}

/// Where a prompt sent and never confirmed is, among a kit's servers (``ComfyKit/place(ofUnconfirmedPrompt:sentTo:within:)``).
public enum UnconfirmedPromptPlace: Hashable, Sendable {
    /// The configured server of this name knows it (queued, running or ended there): follow it there.
    case server(String)
    /// The server it was sent to answers, and neither it nor any other configured server knows it: it never arrived.
    case notReceived(server: String)
    /// The server it was sent to is configured but does not answer, and no other server knows the prompt.
    case down(server: String, reason: String)
    /// The server it was sent to is not one of the kit's servers, and none of them knows the prompt.
    case notConfigured(server: String, configured: [String])
}

extension ComfyKit {
    /// The kit of the server runs are routed over that is named `name` (as ``serverNames`` names it, or by its URL
    /// as the run history records an unrouted run's server); `nil` when none is.
    ///
    /// ```swift
    /// let kit = routed.server(named: record.server)?.follow(promptID: record.promptID!, workflow: try record.workflow())
    /// ```
    public func server(named name: String) -> ComfyKit? {
        ([self] + peers).first { $0.serverName == name || $0.configuration.comfyUIBaseURL.redactedForDisplay == name }
    }

    /// Which of this kit's servers to follow a recorded prompt on: the one it was recorded on when that one knows it
    /// or answers, else any other server that knows it (a record that named no server, or named it differently),
    /// else why it cannot be followed. Each server is given `within` to answer, so a hung one costs no more.
    ///
    /// ```swift
    /// if case .server(let name) = await kit.place(ofPrompt: promptID, recordedOn: record.server) { … }
    /// ```
    public func place(ofPrompt promptID: String, recordedOn recorded: String, within: Duration = .seconds(5)) async -> RecordedPromptPlace {
        let found = await lookUp(promptID, recordedOn: recorded, within: within)
        if let holder = found.holder { return .server(holder) }
        guard let own = found.own else { return .notConfigured(server: recorded, configured: serverNames) }
        guard found.ownAnswered else { return .down(server: own.serverName, reason: Self.notAnswering(within)) }
        return .server(own.serverName)
    }

    /// Where a prompt sent under `promptID` to the server recorded as `sentTo`, and never confirmed (its app went away
    /// before the server answered), is: on a server that knows it (follow it there), or never arrived (that server
    /// answers and neither it nor any other knows it: it can be sent again), or not to be told (that server is down, or
    /// not one of this kit's).
    ///
    /// ```swift
    /// switch await kit.place(ofUnconfirmedPrompt: record.requestedPromptID!, sentTo: record.server) {
    /// case .server(let name): …          // follow it there
    /// case .notReceived: …               // send it again
    /// case .down, .notConfigured: …      // leave it recorded in flight
    /// }
    /// ```
    public func place(ofUnconfirmedPrompt promptID: String, sentTo recorded: String, within: Duration = .seconds(5)) async -> UnconfirmedPromptPlace {
        let found = await lookUp(promptID, recordedOn: recorded, within: within)
        if let holder = found.holder { return .server(holder) }
        guard let own = found.own else { return .notConfigured(server: recorded, configured: serverNames) }
        guard found.ownAnswered else { return .down(server: own.serverName, reason: Self.notAnswering(within)) }
        return .notReceived(server: own.serverName)
    }

    /// The server that knows `promptID` (the recorded one first, then the others in configured order), the recorded
    /// server's kit, and whether it answered. Each server is given `within` to answer.
    private func lookUp(_ promptID: String, recordedOn recorded: String, within: Duration) async -> (holder: String?, own: ComfyKit?, ownAnswered: Bool) {
        let own = server(named: recorded)
        var ownAnswer: PromptLookup.Whereabouts?
        if let own {
            ownAnswer = await own.whereabouts(of: promptID, within: within)
            switch ownAnswer {
            case .waiting?, .ended?: return (own.serverName, own, true)
            case .unknown?, nil: break
            }
        }
        let others = ([self] + peers).filter { $0 !== own }
        let answers = await withTaskGroup(of: (String, PromptLookup.Whereabouts?).self) { group in
            for other in others {
                group.addTask { (other.serverName, await other.whereabouts(of: promptID, within: within)) }
            }
            return await group.reduce(into: [(String, PromptLookup.Whereabouts?)]()) { $0.append($1) }
        }
        // In configured order, so the same records find the same server every start.
        for other in others {
            switch answers.first(where: { $0.0 == other.serverName })?.1 {
            case .waiting?, .ended?: return (other.serverName, own, ownAnswer != nil)
            case .unknown?, nil: continue
            }
        }
        return (nil, own, ownAnswer != nil)
    }

    private static func notAnswering(_ within: Duration) -> String {
        "not answering (nothing in \(within.components.seconds) s, or refused)"
    }

    /// The prompt's whereabouts on this kit's own server; `nil` when it cannot be asked within `within`.
    func whereabouts(of promptID: String, within: Duration) async -> PromptLookup.Whereabouts? {
        let lookup = PromptLookup(client: client, queueReader: queueReader)
        // Unstructured, so that a request which ignores cancellation cannot hold the answer past `within`.
        let (answers, answer) = AsyncStream.makeStream(of: PromptLookup.Whereabouts?.self, bufferingPolicy: .bufferingNewest(2))
        let asking = Task { answer.yield(await lookup.whereabouts(of: promptID)) }
        let timer = Task {
            try? await Task.sleep(for: within)
            answer.yield(nil)
        }
        var iterator = answers.makeAsyncIterator()
        let first = await iterator.next() ?? nil
        asking.cancel()
        timer.cancel()
        answer.finish()
        return first
    }
}
