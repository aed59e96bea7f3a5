import Foundation

/// Where a workflow comes from.
public enum WorkflowSource: Hashable, Sendable, CustomStringConvertible {
    /// A local workflow file: API or editor format, or a `_source: runninghub` stub.
    case file(path: String)
    /// An http(s) URL, downloaded with a timeout and a size limit, without credentials.
    case url(URL)
    /// An in-memory workflow (`executeJSON`).
    case json(JSONValue, name: String)
    /// A workflow stored on RunningHub.
    case runningHub(RunningHubWorkflowID)

    /// A workflow at a URL: a file URL is read from disk, an http(s) URL downloaded.
    public static func file(_ url: URL) -> WorkflowSource {
        url.isFileURL ? .file(path: url.path) : .url(url)
    }

    /// Reads a command-line style argument: ASCII digits are a RunningHub id, `http://` or
    /// `https://` (any case) a URL, anything else a file path.
    public init(argument: String) {
        if let id = RunningHubWorkflowID(argument) {
            self = .runningHub(id)
        } else if let url = WorkflowSource.httpURL(argument) {
            self = .url(url)
        } else {
            self = .file(path: argument)
        }
    }

    package static func httpURL(_ text: String) -> URL? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
            let url = URL(string: text), url.host != nil
        else { return nil }
        return url
    }

    /// The path, the URL, the in-memory name or `RunningHub workflow <id>`, for messages.
    public var description: String {
        switch self {
        case .file(let path): path
        case .url(let url): url.absoluteString
        case .json(_, let name): name
        case .runningHub(let id): "RunningHub workflow \(id)"
        }
    }

    /// The name shown for a workflow from this source: the file's stem or the URL's last component.
    package var displayName: String {
        switch self {
        case .file(let path): URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        case .url(let url):
            url.deletingPathExtension().lastPathComponent.isEmpty ? (url.host ?? "workflow") : url.deletingPathExtension().lastPathComponent
        case .json(_, let name): name
        case .runningHub(let id): "workflow_\(id)"
        }
    }
}
