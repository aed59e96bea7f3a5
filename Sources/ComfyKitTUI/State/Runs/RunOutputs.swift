import ComfyKit

/// One output of a finished run: a file on the server (its URL) or a value the run produced as text
/// (a text or number output, which has no file: `y` copies it, `d` saves it as `.txt`).
enum RunOutput: Hashable, Sendable {
    case file(url: String)
    case text(name: String, value: String, index: Int)

    /// The key its download or save is kept under in ``RunState/downloads``: the URL, or `text:NAME#INDEX`.
    var key: String {
        switch self {
        case .file(let url): url
        case .text(let name, _, let index): "text:\(name)#\(index)"
        }
    }

    /// What `y` copies: the URL, or the text itself.
    var copyable: String {
        switch self {
        case .file(let url): url
        case .text(_, let value, _): value
        }
    }
}

/// The outputs of one `$output` name (or node id, for outputs without one), in the server's order.
struct OutputGroup: Hashable, Sendable {
    let name: String
    let outputs: [RunOutput]

    /// The group's file URLs.
    var urls: [String] {
        outputs.compactMap { if case .file(let url) = $0 { url } else { nil } }
    }

    /// A result's images, videos, audios and texts grouped by output name, names in first-seen order
    /// (images first), so a name with both an image and a video is one group; texts follow a group's files.
    static func groups(of result: ExecuteResult) -> [OutputGroup] {
        var names: [String] = []
        var outputs: [String: [RunOutput]] = [:]
        for byName in [result.imagesByVar, result.videosByVar, result.audiosByVar] {
            for (name, list) in byName where !list.isEmpty {
                if outputs[name] == nil { names.append(name) }
                outputs[name, default: []].append(contentsOf: list.map { .file(url: $0) })
            }
        }
        for (name, list) in result.textsByVar where !list.isEmpty {
            if outputs[name] == nil { names.append(name) }
            outputs[name, default: []].append(contentsOf: list.enumerated().map { .text(name: name, value: $1, index: $0) })
        }
        return names.map { OutputGroup(name: $0, outputs: outputs[$0] ?? []) }
    }
}

/// Where one output file's download is.
enum FileDownload: Hashable, Sendable {
    /// Asked for or under way; `total` is the announced size, when there was one.
    case inProgress(received: Int64, total: Int64?)
    case saved(path: String)
    case failed(reason: String)

    var isInProgress: Bool {
        if case .inProgress = self { true } else { false }
    }

    /// `42%  1.2 MB of 2.9 MB`, `✓ saved /path`, `✗ reason`: what the outputs list shows under the URL.
    var summary: String {
        switch self {
        case .inProgress(let received, let total?) where total > 0:
            let percent = Int((Double(min(received, total)) / Double(total) * 100).rounded(.down))
            return "↓ \(percent)%  \(Self.size(received)) of \(Self.size(total))"
        case .inProgress(let received, _):
            return received == 0 ? "↓ waiting…" : "↓ \(Self.size(received))"
        case .saved(let path):
            return "✓ saved " + path
        case .failed(let reason):
            return "✗ " + reason
        }
    }

    /// `↓ 42%`, `✓ saved`, `✗ failed`: short enough to follow a URL on the run panel.
    var mark: String {
        switch self {
        case .inProgress(let received, let total?) where total > 0:
            "↓ \(Int((Double(min(received, total)) / Double(total) * 100).rounded(.down)))%"
        case .inProgress: "↓"
        case .saved: "✓ saved"
        case .failed: "✗ failed"
        }
    }

    /// Bytes in B, KB, MB or GB (powers of 1,000, one decimal past KB).
    static func size(_ bytes: Int64) -> String {
        if bytes < 1_000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(bytes / 1_000) KB" }
        let (unit, divisor): (String, Double) = bytes < 1_000_000_000 ? ("MB", 1e6) : ("GB", 1e9)
        let tenths = Int((Double(bytes) / divisor * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
