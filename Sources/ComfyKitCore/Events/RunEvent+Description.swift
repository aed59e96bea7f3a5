/// One short line per event, so `print(event)` in a loop reads like a log: previews give their size,
/// never their bytes, and outputs their file names.
extension RunEvent: CustomStringConvertible {
    /// One line for a log: `submitted <id>`, `node 3 step 5/20, 40% overall`, `finished: …`.
    public var description: String {
        switch self {
        case .uploading(let param, let file): "uploading \(file) for \(param)"
        case .submitted(let promptID): "submitted \(promptID)"
        case .outputsDropped(let error): "outputs dropped: \(error.description)"
        case .queued(let position): position == 0 ? "queued, next" : "queued, \(position) ahead"
        case .started: "started"
        case .cached(let nodes): "cached nodes \(nodes.joined(separator: ", "))"
        case .nodeStarted(let node, let overall): "node \(node), \(Int((overall * 100).rounded(.down)))% overall"
        case .progress(let node, let value, let max, let overall):
            "node \(node) step \(JSONNumber.shortText(value))/\(JSONNumber.shortText(max)), \(Int((overall * 100).rounded(.down)))% overall"
        case .preview(let preview): preview.description
        case .nodeText(let node, let text): "node \(node) says \(RunEvent.clipped(text))"
        case .nodeOutput(let node, let output): "node \(node) output \(RunEvent.clipped(JSONValue.object(output).description))"
        case .connectionLost: "event stream lost; following through /history"
        case .reconnected: "event stream back"
        case .finished(let outcome): "finished: \(outcome.result.description)"
        }
    }

    /// Long text cut to one readable line.
    static func clipped(_ text: String, to limit: Int = 120) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}

extension NodeInfo: CustomStringConvertible {
    /// `4 KSampler (Sampler)`; the title is left out when it is the class name or empty.
    public var description: String {
        title.isEmpty || title == classType ? "\(id) \(classType)" : "\(id) \(classType) (\(title))"
    }
}

extension Preview: CustomStringConvertible {
    /// `preview jpeg 38387 bytes, node 3`.
    public var description: String {
        "preview \(format.rawValue) \(bytes.count) bytes" + (nodeID.map { ", node \($0)" } ?? "")
    }
}

extension RunOutcome: CustomStringConvertible {
    /// The result's description.
    public var description: String { result.description }
}

extension JSONNumber {
    /// `20` for whole values, `0.5` otherwise: step counts arrive as doubles.
    static func shortText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
