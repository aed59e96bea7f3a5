import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation

/// Where `comfykit` keeps its run history, and the switch that turns recording off.
struct HistoryOptions: ParsableArguments {
    @Flag(name: .customLong("no-history"), help: "Do not record this run in the run history (also: COMFYKIT_NO_HISTORY=1).")
    var noHistory = false

    /// Whether `run` records: on unless `--no-history` or `COMFYKIT_NO_HISTORY` is set (to anything but 0 or empty).
    var records: Bool {
        if noHistory { return false }
        let value = ProcessInfo.processInfo.environment["COMFYKIT_NO_HISTORY"] ?? ""
        return value.isEmpty || value == "0"
    }

    /// The history at `$XDG_STATE_HOME/comfykit/runs.sqlite`; a file kept aside is said on stderr.
    static func open() throws -> RunHistory {
        do {
            let history = try RunHistory()
            if let recovery = history.recovery { Terminal.error("Warning: \(recovery)\n") }
            return history
        } catch {
            throw CLIFailure(error.description)
        }
    }
}
