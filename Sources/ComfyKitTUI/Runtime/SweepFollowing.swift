import ComfyKit
import ComfyKitHistory
import Logging

/// Follows a form's sweep: its events recorded in the run history (as the CLI records them) and posted as the
/// messages of the run of each prompt (run `sweepID + index`).
enum SweepFollowing {
    /// Consumes the sweep until it ends or the returned task is cancelled (the library then stops what has not
    /// started and interrupts what runs; the history records those as interrupted).
    static func start(
        _ stream: AsyncStream<SweepEvent>, sweepID: Int, recorder: SweepRecorder, inbox: Inbox, logger: Logger
    ) -> Task<Void, Never> {
        Task.detached {
            for await event in stream {
                await recorder.record(event)
                let recordID: String? = if case .routed(let point, _) = event { await recorder.id(of: point.index) } else { nil }
                if case .finished(let point, _, let outcome) = event { RunLog.finished(sweepID + point.index, outcome, logger: logger) }
                for message in messages(for: event, sweepID: sweepID, recordID: recordID) { inbox.post(message) }
            }
            await recorder.ended(cancelled: Task.isCancelled)
        }
    }

    /// What one sweep event says to the app, in the messages a single run's events use.
    static func messages(for event: SweepEvent, sweepID: Int, recordID: String?) -> [Message] {
        switch event {
        case .planned(let points): [.sweepPlanned(sweepID: sweepID, points)]
        case .skipped(let server, let reason): [.sweepSkipped(server: server, reason: reason)]
        case .routed(let point, let server):
            [.runRouted(runID: sweepID + point.index, server: server)]
                + (recordID.map { [.runRecorded(runID: sweepID + point.index, recordID: $0)] } ?? [])
        // A prompt moved off a server that stopped answering before it started: it now runs on `to`.
        case .rerouted(let point, _, let to, _): [.runRouted(runID: sweepID + point.index, server: to)]
        // Recorded only: the prompt shows its id once the server accepted it.
        case .sending: []
        case .submitted(let point, _, let promptID): [.runEvent(runID: sweepID + point.index, .submitted(promptID: promptID))]
        case .started(let point, _): [.runEvent(runID: sweepID + point.index, .started)]
        case .finished(let point, _, let outcome): [.runEvent(runID: sweepID + point.index, .finished(outcome))]
        case .refused(let refusal): [.sweepRefused(sweepID: sweepID, refusal)]
        }
    }
}
