import ComfyKit
import ComfyKitHistory
import Foundation

extension AppState {
    /// Runs an earlier session left in flight go back on the runs strip, each followed again where it ran.
    mutating func reattach(_ records: [RunRecord]) -> [Effect] {
        guard !records.isEmpty else { return [] }
        let effects = records.map { record in Effect.followRecorded(runID: runs.reattach(record), record: record) }
        status = "re-attaching \(records.count) run(s) left in flight: " + records.map(\.workflowName).joined(separator: ", ")
        return effects
    }

    /// A sweep an earlier session left in flight comes back as the sweep it was: its group on the runs screen, each
    /// prompt under run `sweepID + index` with its varied values; prompts in flight followed again, ended ones shown
    /// as they ended, prompts planned and never routed sent now, and prompts routed but never submitted (the server
    /// may have them) ended saying so, never sent twice.
    mutating func reattachSweep(_ left: LeftSweep) -> [Effect] {
        let records = left.records
        guard let first = records.first, let recordedID = first.sweepID, let workflow = try? first.workflow() else {
            return reattach(records.filter(\.isInFlight))
        }
        let size = max(first.sweepSize ?? 0, (records.compactMap(\.sweepIndex).max() ?? -1) + 1, (left.unsent.map(\.index).max() ?? -1) + 1)
        let sweepID = runs.startSweep(prompts: size, workflowPath: first.workflowSource, workflowName: first.workflowName, workflow: workflow)
        var effects: [Effect] = []
        var unsent = 0
        var resumed: [SweepPlan.Point] = []
        // By index: a sweep may have up to SweepPlan.maxPrompts prompts.
        let recorded = Dictionary(records.compactMap { record in record.sweepIndex.map { ($0, record) } }, uniquingKeysWith: { first, _ in first })
        let planned = Dictionary(left.unsent.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        guard let firstRun = runs.all.firstIndex(where: { $0.id == sweepID }) else { return [] }
        for index in 0..<size {
            let runID = sweepID + index
            let run = firstRun + index
            guard runs.all.indices.contains(run), runs.all[run].id == runID else { continue }
            if let point = planned[index], recorded[index] == nil {
                resumed.append(point)
                runs.all[run].sweep?.varied = point.varied.map { VariedValue(name: $0.name, value: $0.value) }
                runs.all[run].log.append("not sent by the app that ran the sweep: sending it now")
                continue
            }
            guard let record = recorded[index], !(record.isInFlight && record.promptID == nil) else {
                unsent += 1
                runs.all[run].phase = .finished(.interrupted)
                runs.all[run].message = "never sent: the app that ran the sweep stopped first"
                runs.all[run].log.append("ended: never sent (the app that ran the sweep stopped first)")
                continue
            }
            runs.all[run].recordID = record.id
            runs.all[run].server = record.server
            runs.all[run].sweep?.varied = record.sweepVaried.map { VariedValue(name: $0.name, value: $0.value) }
            if record.isInFlight {
                runs.all[run].log.append("re-attaching run \(record.id) (prompt \(record.promptID ?? "?") on \(record.server))")
                effects.append(.followRecorded(runID: runID, record: record))
            } else {
                applyRunEvent(.finished(RunOutcome(result: record.endedResult)), to: runID)
            }
        }
        if !resumed.isEmpty {
            effects.append(.resumeSweep(sweepID: sweepID, resumed: ResumedSweep(
                recordedID: recordedID, size: size, workflowPath: first.workflowSource,
                workflow: LoadedWorkflow(workflow: workflow, runningHubID: nil), points: resumed)))
        }
        let followed = effects.count - (resumed.isEmpty ? 0 : 1)
        status = "re-attaching the sweep of \(first.workflowName) left in flight: \(followed) of \(size) prompt(s) still going, "
            + "\(size - followed - unsent - resumed.count) ended"
            + (resumed.isEmpty ? "" : ", \(resumed.count) not yet sent: sending now")
            + (unsent > 0 ? ", \(unsent) never sent" : "")
        return effects
    }

    /// A re-attached ComfyUI run found (or not) among this session's servers: followed where it is, the record
    /// corrected when it named another server; a run that cannot be followed ends on the strip saying why, and its
    /// record stays in flight for a later start. A run the user cancelled while it was looked for (it had no handle to
    /// cancel then) is followed and cancelled at once, so that the cancel reaches its server.
    mutating func followReattached(runID: Int, record: RunRecord, at place: RecordedPromptPlace) -> [Effect] {
        guard let index = runs.all.firstIndex(where: { $0.id == runID }) else { return [] }
        let reason: String
        switch place {
        case .server(let name):
            runs.all[index].server = name
            let cancelled = !runs.all[index].isActive
            runs.all[index].log.append(cancelled ? "found on \(name) after it was cancelled: cancelling it there" : "following it on \(name)")
            return (name == record.server ? [] : [.recordServer(recordID: record.id, server: name)])
                + [.followRecordedOn(runID: runID, record: record, server: name)] + (cancelled ? [.cancelRun(runID: runID)] : [])
        case .down(let server, let why):
            reason = "its server \(server) is down (\(why))"
        case .notConfigured(let server, let configured):
            reason = "it ran on \(server), which is not among this session's servers (\(configured.joined(separator: ", "))), "
                + "and none of them knows prompt \(record.promptID ?? "?"); start with --server \(server) to follow it"
        }
        let message = "run \(record.id) not followed: \(reason); it stays recorded in flight (comfykit runs cancel \(record.id) gives it up)"
        applyRunEvent(.finished(RunOutcome(result: .failure(message, promptID: record.promptID))), to: runID)
        status = message
        return []
    }
}

extension AppState {
    /// `h` on the list: the run history, newest first; with recording off it says why there is none.
    mutating func openHistory() -> [Effect] {
        switch recording {
        case .off:
            status = "runs are not recorded (--no-history or COMFYKIT_NO_HISTORY): no history to show"
            return []
        case .unavailable(let reason):
            status = reason
            return []
        case .on:
            route = .history
            status = ""
            return history.open()
        }
    }

    /// Hands a message to the history screen and acts on what it asks: back to the list, a re-run's form, help, quit.
    mutating func historyMessage(_ message: HistoryMessage, _ env: TUIEnvironment) -> [Effect] {
        switch history.update(message, status: &status) {
        case .effects(let effects):
            return effects
        case .back:
            return backToTheList()
        case .rerun(let record):
            openRerun(of: record, env)
            return []
        case .unhandled:
            guard case .key(let key) = message else { return [] }
            return screenKey(key)
        }
    }

    /// `R`: the form of the run's workflow as it was recorded (its file may have changed since), filled in with
    /// the run's values; Enter runs it.
    private mutating func openRerun(of record: RunRecord, _ env: TUIEnvironment) {
        let workflow: Workflow
        let spec: WorkflowSpec
        do {
            (workflow, spec) = try record.workflowAndSpec()
        } catch {
            status = "run \(record.id) cannot be re-run: its recorded workflow cannot be read: \(error)"
            return
        }
        let runningHubID = record.target == .runningHub
            ? RunningHubWorkflowID(String(record.workflowSource.dropFirst("runninghub:".count))) : nil
        let read = ReadWorkflow(loaded: LoadedWorkflow(workflow: workflow, runningHubID: runningHubID), spec: spec, stamp: nil)
        let path = formPath(of: record)
        var form = FormComponent(workflowPath: path, workflow: read,
                                 remembered: record.params.mapValues { FieldState.text(of: $0.jsonValue) }, env)
        if let objectInfo { form.attach(objectInfo, env) }
        forms[path] = form
        route = .form(workflowPath: path)
        status = "re-run of run \(record.id): its values are filled in; Enter runs it"
    }

    /// The listed workflow file the run came from (so the new run records the same source), else its source as recorded.
    private func formPath(of record: RunRecord) -> String {
        list.entries.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == record.workflowSource }?.path ?? record.workflowSource
    }
}
