import ArgumentParser
import ComfyKit
import ComfyKitHistory
import Foundation
import Synchronization

/// `comfykit runs resume ID`: finishes a sweep its process left (killed, or the TUI quit with `l`): the prompts
/// still queued or running are followed, those it planned and never sent are sent now.
struct RunsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish a sweep left in flight: follow its prompts still going, send those never sent.",
        discussion: """
            ID is any run of the sweep. Without --server it routes over the servers the sweep was started over. \
            Its prompts still queued or running are followed where they are (the server each was recorded on is \
            asked first); the prompts it planned and never sent are routed and sent now, recorded in the same \
            sweep. A prompt sent but never confirmed (its process died before the server answered) is asked for \
            on that server by the id it was sent under: followed when it arrived, sent again when the server \
            answers that it never did, left recorded in flight when the server is down. The live line, --json objects and the closing \
            table are those of `comfykit run --vary`. Ctrl-C stops the sweep: what runs is interrupted. A sweep \
            another live process still runs (a `comfykit-tui`, a `comfykit run`) is left to it.
            Exit codes: 0 every prompt completed, 1 one did not (or could not be followed), 130 interrupted.
            """
    )

    @Argument(help: "A run id of the sweep (or a unique prefix of it, or its prompt id).")
    var id: String

    @OptionGroup var serverOptions: ServerOptions

    @Flag(help: "Print one JSON object per prompt on stdout as it ends.")
    var json = false

    @Option(help: "Save each completed prompt's outputs under DIR/<prompt number>/.")
    var download: String?

    func run() async throws {
        let history = try HistoryOptions.open()
        let record = try await RecordedRunLookup.record(id, in: history)
        guard let sweepID = record.sweepID else {
            throw CLIFailure("run \(record.id) is not part of a sweep: `comfykit runs watch \(record.id)` follows it")
        }
        if let other = try await history.claimSweep(sweepID) {
            throw CLIFailure("sweep \(sweepID) is still run by process \(other.pid): resume it once that process has ended")
        }
        let workflow = try RecordedRunLookup.workflow(of: record)
        let records = try await history.sweep(sweepID)
        let kit = try RecordedRunLookup.kit(forSweep: records, plannedServers: try await history.plannedServers(ofSweep: sweepID), serverOptions: serverOptions)
        let left = await LeftSweepPrompts(records: records, planned: try await history.plannedPoints(ofSweep: sweepID))
            .settlingUnconfirmed(on: kit, in: history)
        let loaded = LoadedWorkflow(workflow: workflow, runningHubID: nil)
        let recorder = SweepRecorder(history: history, loaded: loaded, source: .file(path: record.workflowSource), kit: kit,
                                     resuming: (sweepID, left.size)) { Terminal.error("Warning: \($0)\n") }
        // Records of prompts sent again (they never reached their server) are adopted too: sending them updates them.
        await recorder.adopt(left.following.map { ($0.point.index, $0.record.id) } + left.resent.map { ($0.point.index, $0.record.id) })

        var board = SweepBoard(servers: kit.serverNames)
        _ = board.apply(.planned(left.points))
        for (point, ended) in left.ended { board.noteEnded(point, server: ended.server, result: ended.endedResult) }
        Terminal.error("sweep \(sweepID) of \(record.workflowName): \(left.ended.count) of \(left.size) ended, "
                       + "\(left.following.count) to follow, \(left.unsent.count) to send"
                       + (left.resent.isEmpty ? "" : " (\(left.resent.count) of them sent before and never received)")
                       + (left.unconfirmed.isEmpty ? "" : ", \(left.unconfirmed.count) sent but never confirmed (not sent again)")
                       + (left.missing.isEmpty ? "" : ", \(left.missing.count) never sent and not in a recorded plan (cannot be sent)") + "\n")

        let notFollowed = NotFollowedCount()
        let (events, continuation) = AsyncStream.makeStream(of: SweepEvent.self)
        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                for prompt in left.following {
                    group.addTask {
                        await Self.follow(prompt, workflow: workflow, on: kit, recorder: recorder, notFollowed: notFollowed) { continuation.yield($0) }
                    }
                }
                if !left.unsent.isEmpty {
                    group.addTask {
                        // The board already has the whole sweep's plan; the resumed part's would replace it.
                        for await event in kit.sweep(loaded, points: left.unsent) {
                            if case .planned = event { continue }
                            continuation.yield(event)
                        }
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { ending in
            if case .cancelled = ending { work.cancel() }
        }
        let consumer = Task { await RunCommand.follow(events, board: board, json: json, recorder: recorder) }
        let trap = SignalTrap { consumer.cancel() }
        let (ended, refusal) = await consumer.value
        _ = trap
        // The interrupts are sent before this process goes.
        await work.value
        await recorder.ended(cancelled: consumer.isCancelled)
        if let refusal {
            await kit.close()
            throw CLIFailure("the prompts never sent cannot be sent: \(refusal.description)")
        }
        if let download { try await RunCommand.downloadCompleted(ended, kit: kit, recorder: recorder, to: download, skipping: left.isEnded) }
        await kit.close()
        if !json { Terminal.output(ended.table().joined(separator: "\n")) }
        if consumer.isCancelled { throw ExitCode(130) }
        let failed = ended.rows.values.filter { $0.result.status != .completed }.count + notFollowed.count + left.unconfirmed.count + left.missing.count
        if failed > 0 {
            Terminal.error("Error: \(failed) of \(left.size) prompts did not complete\n")
            throw ExitCode.failure
        }
    }

    /// Follows one prompt left in flight where it is, as the sweep's events of that prompt; one that cannot be
    /// followed is reported and stays recorded in flight.
    private static func follow(
        _ prompt: LeftSweepPrompts.Following, workflow: Workflow, on kit: ComfyKit, recorder: SweepRecorder, notFollowed: NotFollowedCount,
        emit: @escaping @Sendable (SweepEvent) -> Void
    ) async {
        let point = prompt.point
        guard let promptID = prompt.record.promptID else { return }
        let server: ComfyKit
        switch await RecordedRunLookup.server(following: prompt.record, promptID: promptID, on: kit) {
        case .success(let found): server = found
        case .failure(let failure):
            notFollowed.add()
            await recorder.release(point.index)
            Terminal.error("prompt \(point.index + 1) (run \(prompt.record.id)) not followed: \(failure.reason); it stays recorded in flight\n")
            return
        }
        let name = server.serverNames.first ?? prompt.record.server
        emit(.routed(point, server: name))
        // The submitter is gone: take over its socket id, since ComfyUI sends node progress to that client only.
        let handle = server.follow(promptID: promptID, workflow: workflow, takingOverItsClient: true)
        await withTaskCancellationHandler {
            for await event in handle.events {
                switch event {
                case .started: emit(.started(point, server: name))
                case .finished(let outcome): emit(.finished(point, server: name, outcome))
                default: break
                }
            }
        } onCancel: {
            handle.cancel()
        }
        _ = await handle.outcome
    }
}

/// The prompts of a recorded sweep, by what is left to do for each.
struct LeftSweepPrompts: Sendable {
    struct Following: Sendable {
        let point: SweepPlan.Point
        let record: RunRecord
    }

    /// Every prompt's point, in order: as planned, else as recorded.
    let points: [SweepPlan.Point]
    let ended: [(point: SweepPlan.Point, record: RunRecord)]
    /// In flight with a prompt id: followed where they are.
    private(set) var following: [Following]
    /// In flight without a prompt id: sent, never confirmed, and not found (its server down, or no id kept); not sent again.
    private(set) var unconfirmed: [RunRecord]
    /// Planned and never routed, or sent and never received (``resent``): sent now.
    private(set) var unsent: [SweepPlan.Point]
    /// Sent, never confirmed, and unknown to the server it was sent to, which answers: sent again, into their records.
    private(set) var resent: [Following] = []
    /// Neither recorded nor in a recorded plan (a sweep recorded before plans were kept): cannot be sent.
    let missing: [Int]
    private let endedIndices: Set<Int>

    var size: Int { points.count }

    init(records: [RunRecord], planned: [SweepPlan.Point]) {
        let recorded = Dictionary(records.compactMap { record in record.sweepIndex.map { ($0, record) } }, uniquingKeysWith: { first, _ in first })
        let plannedByIndex = Dictionary(planned.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let size = max(records.compactMap(\.sweepSize).max() ?? 0, (recorded.keys.max() ?? -1) + 1, (plannedByIndex.keys.max() ?? -1) + 1)
        var points: [SweepPlan.Point] = []
        var ended: [(SweepPlan.Point, RunRecord)] = []
        var following: [Following] = []
        var unconfirmed: [RunRecord] = []
        var unsent: [SweepPlan.Point] = []
        var missing: [Int] = []
        for index in 0..<size {
            let record = recorded[index]
            let point = plannedByIndex[index]
                ?? SweepPlan.Point(index: index, values: record?.params ?? [:], varied: record?.sweepVaried ?? [])
            points.append(point)
            switch record {
            case nil: if plannedByIndex[index] != nil { unsent.append(point) } else { missing.append(index) }
            case let record? where !record.isInFlight: ended.append((point, record))
            case let record? where record.promptID != nil: following.append(Following(point: point, record: record))
            case let record?: unconfirmed.append(record)
            }
        }
        (self.points, self.ended, self.following, self.unconfirmed, self.unsent, self.missing) = (points, ended, following, unconfirmed, unsent, missing)
        endedIndices = Set(ended.map(\.0.index))
    }

    func isEnded(_ index: Int) -> Bool { endedIndices.contains(index) }

    /// The prompts sent and never confirmed whose record kept the id they were sent under, asked for on their server:
    /// one a server knows is followed there (its record now says it was submitted); one the server it was sent to
    /// answers it does not know never arrived, and is sent again; the others (the server down, or no id kept) stay
    /// unconfirmed.
    func settlingUnconfirmed(on kit: ComfyKit, in history: RunHistory) async -> LeftSweepPrompts {
        var settled = self
        settled.unconfirmed = []
        for record in unconfirmed {
            guard let index = record.sweepIndex, let requested = record.requestedPromptID, let point = points.first(where: { $0.index == index }) else {
                settled.unconfirmed.append(record)
                continue
            }
            switch await kit.place(ofUnconfirmedPrompt: requested, sentTo: record.server) {
            case .server(let name):
                var found = record
                found.promptID = requested
                found.server = name
                _ = try? await history.markSubmitted(record.id, promptID: requested, on: name)
                settled.following.append(Following(point: point, record: found))
            case .notReceived:
                settled.resent.append(Following(point: point, record: record))
                settled.unsent.append(point)
            case .down(let server, let reason):
                Terminal.error("prompt \(index + 1) (run \(record.id)) was sent to \(server) and never confirmed; \(server) is \(reason)\n")
                settled.unconfirmed.append(record)
            case .notConfigured(let server, _):
                Terminal.error("prompt \(index + 1) (run \(record.id)) was sent to \(server) and never confirmed; give --server \(server) to ask it\n")
                settled.unconfirmed.append(record)
            }
        }
        settled.following.sort { $0.point.index < $1.point.index }
        settled.unsent.sort { $0.index < $1.index }
        return settled
    }
}

/// Prompts of a resumed sweep that could not be followed.
final class NotFollowedCount: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
