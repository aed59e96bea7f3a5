import Foundation
import Logging

/// Every swift-log record a logger produced, as text, at trace level: what a user would see with logging on.
final class LogCapture: @unchecked Sendable {
    // @unchecked: `records` is only touched under `lock`; LogHandler.log is synchronous, so no actor.
    private let lock = NSLock()
    private var records: [(level: Logger.Level, text: String)] = []

    /// A trace-level logger whose records (label, level, message, metadata, source) land here.
    func logger(label: String = "comfykit") -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    var texts: [String] { lock.withLock { records.map(\.text) } }
    /// All records, one a line.
    var text: String { texts.joined(separator: "\n") }
    var levels: Set<Logger.Level> { lock.withLock { Set(records.map(\.level)) } }

    fileprivate func append(_ level: Logger.Level, _ text: String) {
        lock.withLock { records.append((level, text)) }
    }

    private struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let error = event.error.map { " error: \(String(reflecting: $0))" } ?? ""
            capture.append(event.level, "\(label) \(event.level) [\(event.source)] \(event.message) \(all)\(error)")
        }
    }
}
