/// The picture formats that are decoded, recognised from their first bytes (never from a file name or a MIME type,
/// which a server may get wrong).
public enum PictureFormat: String, Sendable, CaseIterable {
    case png, jpeg, webp, gif

    /// The format's name in a reason: "PNG", "JPEG".
    public var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WebP"
        case .gif: "GIF"
        }
    }

    /// The format `bytes` start with, or `nil`.
    public static func sniff(_ bytes: [UInt8]) -> PictureFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        return nil
    }

    /// Why `bytes` of this format are cut short, when their container says so and gdk-pixbuf would not notice (its
    /// PNG loader draws the rows it got and its WebP loader the frame it could): a PNG without its closing `IEND`
    /// chunk, a WebP shorter than its RIFF header's size.
    func truncation(_ bytes: [UInt8]) -> String? {
        switch self {
        case .png:
            let tail = bytes.suffix(12)
            return tail.count == 12 && Array(tail.prefix(8)) == [0, 0, 0, 0] + Array("IEND".utf8) ? nil : "it ends before its IEND chunk"
        case .webp:
            let declared = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            return bytes.count < declared + 8 ? "\(bytes.count) of its \(declared + 8) bytes" : nil
        case .jpeg, .gif:
            return nil
        }
    }

    /// Why bytes that are no known format are not drawn, naming what they look like (without echoing them: a
    /// server's error page may hold anything); `expected` and `drawn` name what the caller wanted and can draw.
    static func unknownReason(_ bytes: [UInt8], expected: String = "a picture", drawn: String = "PNG, JPEG, WebP and GIF") -> String {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 64)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<head") || head.hasPrefix("<body") {
            return "an HTML page where \(expected) was expected"
        }
        if head.hasPrefix("<svg") || head.hasPrefix("<?xml") { return "SVG or XML, not \(expected) that is drawn" }
        if head.hasPrefix("{") || head.hasPrefix("[") { return "JSON text where \(expected) was expected" }
        let sample = bytes.prefix(256)
        if sample.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20..<0x7F).contains($0) || $0 >= 0x80 }),
           sample.contains(where: { (0x20..<0x7F).contains($0) }) {
            return "text where \(expected) was expected"
        }
        let hex = bytes.prefix(4).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined(separator: " ")
        return "an unknown format (it starts with \(hex)); \(drawn) are drawn"
    }
}
