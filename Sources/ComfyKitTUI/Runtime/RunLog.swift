import ComfyKit
import Logging

/// Log lines about runs. Only ids, statuses and the library's messages (which redact credentials) are
/// logged; param values never are.
enum RunLog {
    static func finished(_ id: Int, _ outcome: RunOutcome, logger: Logger) {
        let result = outcome.result
        var metadata: Logger.Metadata = ["run": "\(id)", "status": "\(result.status.rawValue)",
                                         "outputs": "\(result.images.count + result.videos.count + result.audios.count)"]
        if let prompt = result.promptID { metadata["prompt"] = "\(prompt)" }
        if let duration = result.duration { metadata["seconds"] = "\(duration)" }
        if result.status == .completed {
            logger.info("run finished", metadata: metadata)
        } else {
            metadata["reason"] = "\(outcome.failure.map { "\($0)" } ?? result.msg ?? "")"
            logger.warning("run finished", metadata: metadata)
        }
    }
}
