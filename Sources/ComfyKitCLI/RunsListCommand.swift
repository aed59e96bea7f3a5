import ArgumentParser
import ComfyKit
import ComfyKitHistory

/// `comfykit runs ls`: the recorded runs, newest first.
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List recorded runs, newest first.")

    @Option(help: ArgumentHelp("Only runs in this state: \(RunRecordStatus.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Only workflows whose name contains this text.", valueName: "name"))
    var workflow: String?

    @Option(help: ArgumentHelp("At most this many runs (default 50).", valueName: "n"))
    var limit: Int = 50

    @Flag(help: "Print a JSON array of runs (shape in the README).")
    var json = false

    func validate() throws {
        if let status, RunRecordStatus(rawValue: status) == nil {
            throw ValidationError("--status \(status): expected one of \(RunRecordStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let history = try HistoryOptions.open()
        let filter = RunFilter(status: status.flatMap(RunRecordStatus.init(rawValue:)), workflow: workflow, limit: limit)
        let runs: [RunRecord]
        do {
            runs = try await history.runs(filter)
        } catch {
            throw CLIFailure("cannot read the run history \(history.url.path): \(error)")
        }
        if json {
            Terminal.output(JSONWriter.string(.array(runs.map(\.summaryJSON))))
        } else if runs.isEmpty {
            Terminal.error("no recorded runs" + (status != nil || workflow != nil ? " match" : "") + "\n")
        } else {
            Terminal.output(TextTable.table(header: ["ID", "STATUS", "WORKFLOW", "CREATED", "DURATION", "PROMPT"], rows: runs.map(\.tableRow)).joined(separator: "\n"))
        }
        // Sweeps whose app stopped before they ended: their prompts never sent appear in no list of runs, so each is
        // named with the command that finishes it.
        if !json { for line in Self.leftSweepLines((try? await history.leftSweeps()) ?? []) { Terminal.error(line + "\n") } }
    }

    static let leftSweepLinesShown = 5

    static func leftSweepLines(_ sweeps: [LeftSweepSummary]) -> [String] {
        let lines = sweeps.prefix(leftSweepLinesShown).map { sweep in
            let left = [sweep.unsent > 0 ? "\(sweep.unsent) never sent" : nil, sweep.inFlight > 0 ? "\(sweep.inFlight) in flight" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            return "sweep \(sweep.sweepID) of \(sweep.workflowName) was left by its app, now gone, with \(left) of its \(sweep.size) prompts: "
                + "`comfykit runs resume \(sweep.firstRunID)` finishes it"
        }
        let more = sweeps.count - lines.count
        return lines + (more > 0 ? ["\(more) more sweep(s) left the same way"] : [])
    }
}
