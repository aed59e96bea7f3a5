import ComfyKit

/// What the last probe of the server (`GET /queue`, every 2 s) found, as the header shows it.
enum ServerStatus: Hashable, Sendable {
    /// Not probed yet.
    case unknown
    /// The server answered; `queue` counts its running and pending prompts.
    case connected(queue: Int)
    /// RunningHub answered its queue status (`GET /openapi/v2/queue/status`): the key's tasks running and queued.
    case tasks(running: Int, queued: Int)
    /// The probe failed; `reason` is short enough for the header.
    case unreachable(reason: String)

    /// The longest reason the header shows.
    static let reasonLimit = 60

    /// A status for a failed probe: the error's first line, cut to ``reasonLimit`` characters. The header
    /// already shows the server, so an unreachable error gives only its cause.
    static func unreachable(_ error: any Error) -> ServerStatus {
        let text: String = switch error {
        case ComfyUIError.unreachable(_, let reason): reason
        default: "\(error)"
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? "no answer"
        return .unreachable(reason: line.count > reasonLimit ? line.prefix(reasonLimit - 1) + "…" : line)
    }
}
