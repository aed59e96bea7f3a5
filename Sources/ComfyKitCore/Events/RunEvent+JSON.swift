extension RunEvent {
    /// The event as one NDJSON object (`comfykit run --json`): `{"event": "progress", …}`.
    /// Previews give their format and size, not their bytes.
    public var json: JSONValue {
        switch self {
        case .uploading(let param, let file):
            ["event": "uploading", "param": .string(param), "file": .string(file)]
        case .submitted(let promptID):
            ["event": "submitted", "prompt_id": .string(promptID)]
        case .outputsDropped(let error):
            ["event": "outputs_dropped", "message": .string(error.description), "params": .array(error.paramNames.map(JSONValue.string))]
        case .queued(let position):
            ["event": "queued", "position": .int(position)]
        case .started:
            ["event": "started"]
        case .cached(let nodes):
            ["event": "cached", "nodes": .array(nodes.map(JSONValue.string))]
        case .nodeStarted(let node, let overall):
            ["event": "node_started", "node": .string(node.id), "class_type": .string(node.classType), "title": .string(node.title), "overall": .double(overall)]
        case .progress(let node, let value, let max, let overall):
            ["event": "progress", "node": .string(node), "value": .double(value), "max": .double(max), "overall": .double(overall)]
        case .preview(let preview):
            ["event": "preview", "node": preview.nodeID.map(JSONValue.string) ?? .null, "format": .string(preview.format.rawValue), "bytes": .int(preview.bytes.count)]
        case .nodeText(let node, let text):
            ["event": "node_text", "node": .string(node), "text": .string(text)]
        case .nodeOutput(let node, let output):
            ["event": "node_output", "node": .string(node), "output": .object(output)]
        case .connectionLost:
            ["event": "connection_lost"]
        case .reconnected:
            ["event": "reconnected"]
        case .finished(let outcome):
            ["event": "finished", "result": outcome.result.json]
        }
    }
}
