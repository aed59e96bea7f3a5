/// A WebSocket message the double sends: a JSON event or one of ComfyUI's binary frames.
enum OutgoingFrame: Sendable {
    case text(String)
    case binary([UInt8])

    /// `{"type": type, "data": data}`, formatted like Python's `json.dumps`.
    static func event(_ type: String, _ data: JSONValue) -> OutgoingFrame {
        .text(JSONWriter.string(["type": .string(type), "data": data]))
    }

    /// Binary type 1 `PREVIEW_IMAGE`: image format (1 JPEG, 2 PNG), then the image.
    static func preview(_ image: PreviewImage) -> OutgoingFrame {
        .binary(bigEndian(1) + bigEndian(image.format == .jpeg ? 1 : 2) + image.bytes)
    }

    /// Binary type 4 `PREVIEW_IMAGE_WITH_METADATA`: metadata length, metadata JSON, then the image.
    static func previewWithMetadata(_ image: PreviewImage, nodeID: String, promptID: String) -> OutgoingFrame {
        let metadata: JSONValue = [
            "node_id": .string(nodeID), "prompt_id": .string(promptID), "display_node_id": .string(nodeID),
            "parent_node_id": nil, "real_node_id": .string(nodeID),
            "image_type": .string(image.format == .jpeg ? "image/jpeg" : "image/png"),
        ]
        let json = JSONWriter.bytes(metadata)
        return .binary(bigEndian(4) + bigEndian(UInt32(json.count)) + json + image.bytes)
    }

    /// Binary type 3 `TEXT`: node id length, node id, then the text. Always broadcast, no prompt id.
    static func progressText(_ text: String, nodeID: String) -> OutgoingFrame {
        let node = Array(nodeID.utf8)
        return .binary(bigEndian(3) + bigEndian(UInt32(node.count)) + node + Array(text.utf8))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] { ImageEncoder.bigEndian(value) }
}
