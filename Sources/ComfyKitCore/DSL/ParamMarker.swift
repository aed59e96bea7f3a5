/// One `$…` marker of a node title, as in `$prompt.text!`, `$~image`, `$img.~image!`, `$a:legacy text`.
public struct ParamMarker: Hashable, Sendable {
    /// The param name the caller uses (`prompt`). Any characters, possibly empty.
    public let name: String
    /// The node input it writes (`text`). `$x` is shorthand for `$x.x`.
    public let field: String
    /// `!`: the caller must give a value; the node's literal is never used.
    public let isRequired: Bool
    /// `~`: the value is media to upload (a local file or URL) or a server-side filename.
    public let isUpload: Bool
    /// The legacy `:description` suffix, if any. The Python ComfyKit ignores it; we show it as help.
    public let description: String?
    /// The marker as written, trimmed.
    public let text: String

    /// Parses one comma-separated title part that starts with `$`, exactly as the Python ComfyKit
    /// does: cut at the first `:`, one trailing `!`, one leading `~`, split at the first `.`,
    /// and one `~` in front of the field.
    public init(parsing part: Substring) {
        // Byte-wise: `:`, `!`, `~` and `.` are ASCII, and an ASCII byte in UTF-8 is always that code point, so
        // finding them in the bytes finds the same code points; only the first, `$`, is dropped as a code point.
        text = String(part)
        let utf8 = part.utf8
        var start = part.isEmpty ? part.startIndex : part.unicodeScalars.index(after: part.startIndex)
        var end = part.endIndex
        var description: String? = nil
        if let colon = utf8[start..<end].firstIndex(of: UInt8(ascii: ":")) {
            let rest = String(part[utf8.index(after: colon)..<end])
            description = Title.trim(Substring(rest)).isEmpty ? nil : String(Title.trim(Substring(rest)))
            end = colon
        }
        let required = start < end && utf8[utf8.index(before: end)] == UInt8(ascii: "!")
        if required { end = utf8.index(before: end) }
        var upload = start < end && utf8[start] == UInt8(ascii: "~")
        if upload { start = utf8.index(after: start) }
        if let dot = utf8[start..<end].firstIndex(of: UInt8(ascii: ".")) {
            name = String(part[start..<dot])
            var fieldStart = utf8.index(after: dot)
            if fieldStart < end, utf8[fieldStart] == UInt8(ascii: "~") {
                upload = true
                fieldStart = utf8.index(after: fieldStart)
            }
            field = String(part[fieldStart..<end])
        } else {
            name = String(part[start..<end])
            field = name
        }
        isRequired = required
        isUpload = upload
        self.description = description
    }
}
