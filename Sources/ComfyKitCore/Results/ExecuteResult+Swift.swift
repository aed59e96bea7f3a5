import Foundation

// Swift types beside the Python-shaped fields, which keep their JSON keys and order.
extension ExecuteResult {
    /// ``images`` as `URL`s.
    public var imageURLs: [URL] { images.compactMap(URL.init(string:)) }
    /// ``audios`` as `URL`s.
    public var audioURLs: [URL] { audios.compactMap(URL.init(string:)) }
    /// ``videos`` as `URL`s.
    public var videoURLs: [URL] { videos.compactMap(URL.init(string:)) }
    /// ``duration`` as a `Duration` (to the millisecond); `nil` when the run failed before submission.
    public var elapsed: Duration? { duration.map { .milliseconds(Int64(($0 * 1000).rounded())) } }
}
