import Foundation

extension ExecuteResult: CustomStringConvertible {
    /// One line: `completed 5d0c… in 11.20 s: 2 images, 1 text` or `error: <message>`.
    /// ``json`` and ``jsonString()`` give the whole result.
    public var description: String {
        var text = status.rawValue
        if let promptID { text += " " + (promptID.count > 12 ? String(promptID.prefix(8)) + "…" : promptID) }
        if let duration { text += " in " + String(format: "%.2f s", duration) }
        let counts = [("image", images.count), ("audio", audios.count), ("video", videos.count), ("text", texts.count)]
            .filter { $0.1 > 0 }
            .map { "\($0.1) \($0.0)\($0.1 == 1 || $0.0 == "audio" ? "" : "s")" }
        if !counts.isEmpty { text += ": " + counts.joined(separator: ", ") }
        if let msg { text += (counts.isEmpty ? ": " : "; ") + msg }
        return text
    }
}

extension RunStatus: CustomStringConvertible {
    /// `completed`, `error`, `timeout` or `interrupted`: the JSON value.
    public var description: String { rawValue }
}
