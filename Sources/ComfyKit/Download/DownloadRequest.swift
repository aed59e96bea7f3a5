import Foundation

/// One file to download: where it is, and what to call it.
///
/// ```swift
/// let requests = try DownloadRequest.all(in: result)   // every image, video and audio of a run
/// let one = DownloadRequest(url: URL(string: "http://127.0.0.1:8188/view?filename=cat.png")!)
/// one.fileName                                          // "cat.png"
/// ```
public struct DownloadRequest: Sendable, Hashable {
    /// Where the file is: a ComfyUI `/view` URL or any other `http(s)` URL (a CDN, RunningHub).
    public var url: URL
    /// The name to save under; `nil` takes it from the URL. Sanitised either way (``SafeFilename``).
    public var suggestedName: String?
    /// The `$output` name (or node id) the file came from, for ``DownloadLayout/subfolderPerOutput``.
    public var outputName: String?
    /// Whether the file is an image, a video or an audio, when known.
    public var category: OutputCategory?

    /// A file at `url`; see the properties for what each optional part changes.
    public init(url: URL, suggestedName: String? = nil, outputName: String? = nil, category: OutputCategory? = nil) {
        self.url = url
        self.suggestedName = suggestedName
        self.outputName = outputName
        self.category = category
    }

    /// The safe name the file is saved under (before a ` (n)` suffix that avoids overwriting):
    /// ``suggestedName``, else a `/view` URL's `filename` query item, else the URL's last path component.
    public var fileName: String { SafeFilename.sanitize(rawName) }

    private var rawName: String {
        if let suggestedName { return suggestedName }
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        if let filename = components?.queryItems?.first(where: { $0.name == "filename" })?.value, !filename.isEmpty {
            return Self.removingTypeAnnotation(filename)
        }
        return components?.percentEncodedPath.split(separator: "/").last.map { $0.removingPercentEncoding ?? String($0) } ?? ""
    }

    /// ComfyUI accepts `name.png [output]` as a filename; the annotation is not part of the name.
    private static func removingTypeAnnotation(_ name: String) -> String {
        for annotation in [" [output]", " [input]", " [temp]"] where name.hasSuffix(annotation) {
            return String(name.dropLast(annotation.count))
        }
        return name
    }
}

extension DownloadRequest {
    /// Every image, video and audio URL of a run, in that order, each with its output name and category.
    /// A URL string that does not parse is an error rather than a silently missing file.
    public static func all(in result: ExecuteResult) throws(DownloadError) -> [DownloadRequest] {
        var requests: [DownloadRequest] = []
        let groups: [(OutputsByName, OutputCategory)] = [
            (result.imagesByVar, .image), (result.videosByVar, .video), (result.audiosByVar, .audio),
        ]
        for (byName, category) in groups {
            for (outputName, urls) in byName {
                for text in urls {
                    guard let url = URL(string: text) else { throw .invalidURL(Self.redacted(text)) }
                    requests.append(DownloadRequest(url: url, outputName: outputName, category: category))
                }
            }
        }
        return requests
    }

    /// One request per URL, each named from its URL.
    public static func all(_ urls: [URL]) -> [DownloadRequest] {
        urls.map { DownloadRequest(url: $0) }
    }

    /// A URL string that did not parse, cut before its query, which may carry a token.
    private static func redacted(_ text: String) -> String {
        guard let question = text.firstIndex(of: "?") else { return text }
        return String(text[..<question]) + "?…"
    }
}
