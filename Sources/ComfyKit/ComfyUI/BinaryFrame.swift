/// A binary `/ws` frame: a 4-byte big-endian event type, then its payload.
public enum BinaryFrame: Hashable, Sendable {
    /// A preview image; type 1 frames carry no prompt or node id, type 4 frames do.
    case preview(Preview)
    /// Type 3: text a node sends as it runs (e.g. `GetImageSize`); broadcast, without prompt id.
    case text(node: String, text: String)
    /// A frame type this client does not read; `type` is its number.
    case unknown(type: UInt32)

    /// Decodes a frame; `nil` when it is too short to hold its header.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count >= 4 else { return nil }
        let type = BinaryFrame.uint32(bytes, at: 0)
        switch type {
        case 1:
            guard bytes.count >= 8 else { return nil }
            let format: Preview.Format = BinaryFrame.uint32(bytes, at: 4) == 2 ? .png : .jpeg
            self = .preview(Preview(format: format, promptID: nil, nodeID: nil, bytes: Array(bytes[8...])))
        case 3:
            guard bytes.count >= 8 else { return nil }
            let length = Int(BinaryFrame.uint32(bytes, at: 4))
            guard bytes.count >= 8 + length else { return nil }
            self = .text(node: String(decoding: bytes[8..<8 + length], as: UTF8.self),
                         text: String(decoding: bytes[(8 + length)...], as: UTF8.self))
        case 4:
            guard bytes.count >= 8 else { return nil }
            let length = Int(BinaryFrame.uint32(bytes, at: 4))
            guard bytes.count >= 8 + length, let meta = try? JSONValue(parsing: bytes[8..<8 + length]) else { return nil }
            let format: Preview.Format = meta["image_type"]?.stringValue == "image/png" ? .png : .jpeg
            self = .preview(Preview(format: format, promptID: meta["prompt_id"]?.stringValue,
                                    nodeID: meta["node_id"]?.nodeID ?? meta["display_node_id"]?.nodeID,
                                    bytes: Array(bytes[(8 + length)...])))
        default:
            self = .unknown(type: type)
        }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
