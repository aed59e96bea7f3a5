import ComfyKit
import Foundation
import OrderedCollections

extension RunHistory {
    /// The handle of `inner`, recording its submission and its end in the run `id` as they happen.
    ///
    /// The record is final before ``RunEvent/finished(_:)`` is handed on, so whoever reads the history after
    /// the last event finds the run's outputs. Cancelling the returned handle cancels `inner`.
    public func recording(_ inner: RunHandle, as id: String) -> RunHandle {
        let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        let control = RunControl()
        let task = Task<RunOutcome, Never> { [self] in
            await control.onCancel { inner.cancel() }
            var outcome: RunOutcome?
            for await event in inner.events {
                switch event {
                case .submitted(let promptID): _ = try? await markSubmitted(id, promptID: promptID)
                case .finished(let ended):
                    outcome = ended
                    try? await finish(id, with: ended)
                default: break
                }
                continuation.yield(event)
            }
            continuation.finish()
            if let outcome { return outcome }
            return await inner.outcome
        }
        return RunHandle(events: events, control: control, task: task)
    }

    /// Notes that the server accepted the run under `promptID` (on `server`, when it is found on another than its
    /// record named); returns the record as it now is, `nil` when there is none.
    @discardableResult
    public func markSubmitted(_ id: String, promptID: String, on server: String? = nil, at date: Date = Date()) async throws -> RunRecord? {
        try await update(id) { record in
            if let server { record.server = server }
            record.promptID = promptID
            record.submittedAt = record.submittedAt ?? date
        }
    }

    /// Notes how the run ended: status, outputs (without user info in their URLs), duration and message.
    public func finish(_ id: String, with outcome: RunOutcome, at date: Date = Date()) async throws {
        let result = outcome.result.withoutUserInfo
        try await update(id) { record in
            record.status = RunRecordStatus(result.status)
            record.promptID = result.promptID ?? record.promptID
            record.finishedAt = date
            record.duration = result.duration
            record.resultJSON = result.jsonString()
            record.message = result.status == .completed ? nil : result.msg
        }
    }

    /// Adds files saved from the run's outputs.
    public func addDownloads(_ id: String, paths: [String]) async throws {
        try await update(id) { record in
            let all = record.downloads + paths
            record.downloadsJSON = JSONWriter.string(.array(all.map(JSONValue.string)))
        }
    }
}

extension ExecuteResult {
    /// The result with user info removed from every URL it holds (a server URL may carry a password).
    var withoutUserInfo: ExecuteResult {
        var result = self
        for keyPath in [\ExecuteResult.imagesByVar, \.videosByVar, \.audiosByVar] {
            result[keyPath: keyPath] = OutputsByName(uniqueKeysWithValues: result[keyPath: keyPath].map { ($0.key, $0.value.map(\.withoutUserInfo)) })
        }
        result.outputs = outputs.map(\.withoutUserInfo)
        return result
    }
}

extension JSONValue {
    /// Every string that is a URL with user info, without it.
    var withoutUserInfo: JSONValue {
        switch self {
        case .string(let s): .string(s.withoutUserInfo)
        case .array(let items): .array(items.map(\.withoutUserInfo))
        case .object(let object): .object(JSONObject(object.map { ($0.key, $0.value.withoutUserInfo) }))
        default: self
        }
    }
}

extension String {
    /// A URL without its user and password; any other text unchanged.
    var withoutUserInfo: String {
        guard contains("@"), contains("://"), var parts = URLComponents(string: self), parts.user != nil || parts.password != nil else { return self }
        parts.user = nil
        parts.password = nil
        return parts.string ?? self
    }
}
