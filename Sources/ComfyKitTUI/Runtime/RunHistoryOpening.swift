import ComfyKitHistory
import Foundation

/// The run history the app records in, as the command line and the environment decide: the CLI's file
/// (`$XDG_STATE_HOME/comfykit/runs.sqlite`), or none with `--no-history` or `COMFYKIT_NO_HISTORY=1`.
enum RunHistoryOpening {
    /// What opening the history gave: the store, if any, and what the user should read about it.
    struct Opened: Sendable {
        let history: RunHistory?
        let recording: HistoryRecording
        /// A file kept aside or a history that cannot be opened: said on the status line, never a crash.
        let notice: String?
    }

    /// Whether `COMFYKIT_NO_HISTORY` turns recording off (set to anything but empty or `0`), as the CLI reads it.
    static func isTurnedOff(environment: [String: String]) -> Bool {
        let value = environment["COMFYKIT_NO_HISTORY"] ?? ""
        return !(value.isEmpty || value == "0")
    }

    static func open(noHistory: Bool, environment: [String: String]) -> Opened {
        if noHistory || isTurnedOff(environment: environment) { return Opened(history: nil, recording: .off, notice: nil) }
        do {
            let history = try RunHistory(url: RunHistory.defaultURL(environment: environment))
            return Opened(history: history, recording: .on, notice: history.recovery.map { "\($0)" })
        } catch {
            return Opened(history: nil, recording: .unavailable(error.description), notice: "\(error.description); runs are not recorded")
        }
    }
}

/// Whether runs are recorded in the run history, as the app shows it.
enum HistoryRecording: Hashable, Sendable {
    case on
    /// `--no-history` or `COMFYKIT_NO_HISTORY`.
    case off
    /// The file could not be opened at all; the reason names it.
    case unavailable(String)
}
