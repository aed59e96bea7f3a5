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
    /// (spec §2.4): cut at the first `:`, one trailing `!`, one leading `~`, split at the first `.`,
    /// and one `~` in front of the field.
    public init(parsing part: Substring) {
        text = String(part)
        var m = part.unicodeScalars.dropFirst()
        var description: String? = nil
        if let colon = m.firstIndex(of: ":") {
            let rest = String(m[m.index(after: colon)...])
            description = Title.trim(Substring(rest)).isEmpty ? nil : String(Title.trim(Substring(rest)))
            m = m[..<colon]
        }
        let required = m.last == "!"
        if required { m = m.dropLast() }
        var upload = m.first == "~"
        if upload { m = m.dropFirst() }
        if let dot = m.firstIndex(of: ".") {
            name = String(m[..<dot])
            var fieldPart = m[m.index(after: dot)...]
            if fieldPart.first == "~" {
                upload = true
                fieldPart = fieldPart.dropFirst()
            }
            field = String(fieldPart)
        } else {
            name = String(m)
            field = String(m)
        }
        isRequired = required
        isUpload = upload
        self.description = description
    }
}
