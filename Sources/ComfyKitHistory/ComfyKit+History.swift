import ComfyKit
import Foundation

/// A run started with a record in a ``RunHistory``: its short id there, and its handle.
public struct RecordedRun: Sendable {
    /// The run's short id in the history (`comfykit runs show <id>`).
    public let id: String
    public let handle: RunHandle
}

extension ComfyKit {
    /// Starts a run of `loaded` as ``run(_:params:options:)-(LoadedWorkflow,_,_)`` does, recording it in `history`:
    /// what runs, with which values and where before it starts, then its prompt id, its end and its outputs.
    ///
    /// ```swift
    /// let history = try RunHistory()
    /// let loaded = try await kit.load(.file(path: "txt2img.json"))
    /// let run = try await kit.run(loaded, source: .file(path: "txt2img.json"), params: ["prompt": "a fox"], recordingIn: history)
    /// let result = await run.handle.result        // the record now holds the outputs too
    /// ```
    /// Throws when the record cannot be written; the run is then not started.
    public func run(
        _ loaded: LoadedWorkflow, source: WorkflowSource, params: [String: ParamValue] = [:], options: RunOptions = RunOptions(),
        recordingIn history: RunHistory
    ) async throws -> RecordedRun {
        let record = try await history.insert(runRecord(for: loaded, source: source, params: params))
        let handle = history.recording(run(loaded, params: params, options: options), as: record.id)
        return RecordedRun(id: record.id, handle: handle)
    }

    /// The record of a run about to start, owned by this process: nothing in it is a secret (servers and URLs without
    /// user info or query).
    public func runRecord(for loaded: LoadedWorkflow, source: WorkflowSource, params: [String: ParamValue]) -> RunRecord {
        let graph = loaded.workflow.promptJSON
        let storedParams = JSONValue.object(JSONObject(params.sorted { $0.key < $1.key }.map { ($0.key, Self.stored($0.value)) }))
        let graphText = JSONWriter.string(graph)
        let paramsText = JSONWriter.string(storedParams)
        let target: RunTarget = loaded.runningHubID == nil ? .comfyUI : .runningHub
        let server = target == .comfyUI ? configuration.comfyUIBaseURL : configuration.runningHubBaseURL
        return RunRecord(
            workflowName: loaded.runningHubID.map { "workflow_\($0)" } ?? source.displayName,
            workflowSource: Self.stored(source, runningHubID: loaded.runningHubID),
            workflowJSON: graphText, sentHash: FNV1a64.hex(graphText + "\n" + paramsText), paramsJSON: paramsText,
            target: target, server: server.redactedForDisplay, owner: .current)
    }

    /// A sweep prompt's varied values as ``RunRecord/sweepVariedJSON`` keeps them, media URLs as params are kept.
    static func storedVaried(_ varied: [(name: String, value: ParamValue)]) -> String {
        JSONWriter.string(storedVariedJSON(varied))
    }

    static func storedVariedJSON(_ varied: [(name: String, value: ParamValue)]) -> JSONValue {
        .array(varied.map { .object(JSONObject([("name", .string($0.name)), ("value", stored($0.value))])) })
    }

    /// A param value as stored: a media URL without user info or query (either may carry credentials).
    static func stored(_ value: ParamValue) -> JSONValue {
        if case .string(let text) = value, let url = WorkflowSource.httpURL(text) { return .string(url.redactedForDisplay) }
        return value.jsonValue
    }

    private static func stored(_ source: WorkflowSource, runningHubID: RunningHubWorkflowID?) -> String {
        if let runningHubID { return "runninghub:\(runningHubID)" }
        return switch source {
        case .file(let path): URL(fileURLWithPath: path).standardizedFileURL.path
        case .url(let url): url.redactedForDisplay
        case .json(_, let name): "memory:\(name)"
        case .runningHub(let id): "runninghub:\(id)"
        }
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of what was sent (not a security hash).
enum FNV1a64 {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
