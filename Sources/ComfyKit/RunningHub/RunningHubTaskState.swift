import OrderedCollections
import Foundation

/// A task's state, read from `POST /task/openapi/outputs`: 813 queued, 804 running,
/// 0 done with outputs, 805 failed with `failedReason`.
public enum RunningHubTaskState: Hashable, Sendable {
    /// Waiting in RunningHub's queue (813).
    case queued
    /// Running; the progress socket's URL when RunningHub gives one.
    case running(progressURL: RunningHubSocketURL?)
    /// Done (0): the output files in RunningHub's order.
    case succeeded([RunningHubOutput])
    /// Failed on RunningHub: the node, its class, the exception and the traceback.
    case failed(ExecutionFailure)
    /// An answer that is not a known state (`data: null`, a new code): wait and ask again.
    case unknown(String)

    /// Codes that end the run at once: the key, the task or the request is wrong, and asking again changes nothing.
    static let terminalCodes: Set<Int> = [301, 380, 412, 423, 801, 802, 803, 806, 807, 811, 812]

    /// `nil` for a terminal error code.
    init?(_ envelope: RunningHubEnvelope) {
        switch envelope.code {
        case RunningHubCode.success:
            guard case .array(let items) = envelope.data else {
                self = .unknown(RunningHubSocketURL.redactCredentials("code 0 with data \(envelope.data.displayText.prefix(200))"))
                return
            }
            self = .succeeded(items.enumerated().compactMap { RunningHubOutput(json: $1, index: $0) })
        case RunningHubCode.running:
            self = .running(progressURL: envelope.data["netWssUrl"]?.stringValue.flatMap(RunningHubSocketURL.init))
        case RunningHubCode.queued:
            self = .queued
        case RunningHubCode.failed:
            self = .failed(RunningHubTaskState.failure(envelope.data["failedReason"], msg: envelope.msg))
        case let code where RunningHubTaskState.terminalCodes.contains(code):
            return nil
        default:
            self = .unknown(RunningHubSocketURL.redactCredentials("code \(envelope.code) \(envelope.msg)"))
        }
    }

    /// `failedReason` as the same typed failure a local run reports; its `traceback` is a JSON string of lines.
    static func failure(_ reason: JSONValue?, msg: String) -> ExecutionFailure {
        guard case .object(let r)? = reason, !r.isEmpty else {
            return ExecutionFailure(nodeID: nil, classType: nil, exceptionType: nil, message: "RunningHub reports the task failed (\(msg.isEmpty ? "805" : msg)) without a reason")
        }
        var traceback: [String] = []
        switch r["traceback"] {
        case .string(let text)?:
            if case .array(let lines)? = try? JSONValue(parsing: text) { traceback = lines.map(\.displayText) } else { traceback = [text] }
        case .array(let lines)?: traceback = lines.map(\.displayText)
        default: break
        }
        let message = r["exception_message"]?.displayText.trimmingWhitespace() ?? ""
        return ExecutionFailure(
            nodeID: r["node_id"]?.nodeID, classType: r["node_name"]?.stringValue, exceptionType: r["exception_type"]?.stringValue,
            message: message.isEmpty ? "Unknown error" : message, traceback: traceback)
    }
}

/// One file of a finished task: `{"fileUrl", "fileType", "taskCostTime", "nodeId"}`.
public struct RunningHubOutput: Hashable, Sendable {
    /// Where the file is (`fileUrl`), usually a CDN; fetch it without credentials.
    public let url: URL
    /// `png`, `mp4`, `txt`, … (lower-cased).
    public let fileType: String
    /// The node that made it; `nil` when RunningHub does not say.
    public let nodeID: String?
    /// Its place in the list.
    public let index: Int

    init?(json: JSONValue, index: Int) {
        guard let text = json["fileUrl"]?.stringValue, !text.isEmpty, let url = URL(string: text), url.scheme != nil else { return nil }
        self.url = url
        fileType = (json["fileType"]?.stringValue ?? "").lowercased()
        nodeID = json["nodeId"]?.nodeID
        self.index = index
    }

    /// Text outputs (`txt`, `json`, …) are fetched and shown as text, not listed as files.
    public var isText: Bool {
        ["txt", "text", "json", "xml"].contains(fileType) || fileType.contains("text")
    }

    /// Image, video or audio, by the same table as local results (`gif`, `webm`, `mkv` are video on both).
    public var category: OutputCategory? {
        OutputCategory.classify(fileType: fileType) ?? OutputCategory.classify(filename: url.lastPathComponent, key: "")
    }
}

/// Builds an `ExecuteResult` from a finished task's outputs, named by the cloud graph's `$output` titles.
struct RunningHubResultBuilder {
    let outputNames: [String: String]

    func result(_ outputs: [RunningHubOutput], raw: JSONValue, texts: [Int: String], taskID: String, duration: Double?) -> ExecuteResult {
        var grouped: [OutputCategory: OutputsByName] = [:]
        var textsByName = OutputsByName()
        for output in outputs {
            let key = output.nodeID ?? String(output.index)
            let name = outputNames[key] ?? key
            if output.isText {
                if let text = texts[output.index] { textsByName[name, default: []].append(text) }
            } else if let category = output.category {
                grouped[category, default: [:]][name, default: []].append(output.url.absoluteString)
            }
        }
        return ExecuteResult(
            status: .completed, promptID: taskID, duration: duration,
            imagesByVar: grouped[.image] ?? [:], audiosByVar: grouped[.audio] ?? [:], videosByVar: grouped[.video] ?? [:],
            textsByVar: textsByName, outputs: ["raw_data": raw])
    }
}
