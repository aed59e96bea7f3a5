extension AppState {
    /// `q` or ^C: with no run in flight the app quits at once; else it asks what to do with them.
    mutating func requestQuit() -> [Effect] {
        let active = runs.all.count(where: \.isActive)
        guard active > 0 else { return [.quit] }
        quit.phase = .asking(count: active)
        return []
    }

    /// The quit overlay has the keyboard: `c` cancels and quits, `l` (or a second ^C) leaves the runs going
    /// and quits, Esc stays. While the cancels are confirmed only ^C does anything: it quits at once.
    mutating func quitKey(_ key: Key) -> [Effect] {
        switch quit.phase {
        case .idle:
            return []
        case .asking:
            switch key {
            case .character("c"): return cancelRunsAndQuit()
            case .character("l"), .control("c"): return leaveRunsAndQuit()
            case .escape:
                quit.phase = .idle
                return []
            default: return []
            }
        case .cancelling:
            return key == .control("c") ? leaveRunsAndQuit() : []
        }
    }

    /// Quits leaving every run in flight going where it runs, recorded as in flight: the next start re-attaches them.
    mutating func leaveRunsAndQuit() -> [Effect] {
        noteRunsLeftRunning()
        return [.quit]
    }

    /// A farewell line for each run still in flight (the app quits without cancelling it).
    mutating func noteRunsLeftRunning() {
        for run in runs.all where run.isActive {
            guard let recordID = run.recordID else {
                farewell.append("run #\(run.id) \(run.workflowName) left running (not recorded in the run history)")
                continue
            }
            farewell.append("run #\(run.id) \(run.workflowName) left running as run \(recordID): comfykit-tui re-attaches it next start "
                + "(or: comfykit runs watch \(recordID))")
        }
    }

    /// Cancels every run in flight — a RunningHub task in the cloud first — and quits once each end is confirmed.
    private mutating func cancelRunsAndQuit() -> [Effect] {
        var effects: [Effect] = []
        var sweeps: [Int] = []
        for run in runs.all where run.isActive {
            if let sweepID = run.sweep?.sweepID {
                // A sweep's prompts end here: its stream stops with the cancel, and the library interrupts the running
                // ones; the app waits for that before it quits.
                guard !sweeps.contains(sweepID) else { continue }
                sweeps.append(sweepID)
                effects += runs.endSweep(of: run, as: .interrupted, message: "cancelled while quitting")
                continue
            }
            if run.isRunningHub, let task = run.promptID {
                quit.awaitingCloud.insert(run.id)
                effects.append(.cancelRunningHubTask(runID: run.id, taskID: task))
            } else {
                quit.awaitingEnd.insert(run.id)
                effects.append(.cancelRun(runID: run.id))
            }
        }
        if !sweeps.isEmpty {
            quit.awaitingSweeps.formUnion(sweeps)
            effects.append(.awaitSweepsStopped(sweepIDs: sweeps))
        }
        if quit.awaiting.isEmpty { return effects + [.quit] }
        quit.phase = .cancelling(deadline: clock + QuitComponent.wait)
        status = "cancelling \(effects.count) run(s)…"
        return effects
    }

    /// A run ended (the library's `.finished`): while cancelling, the app quits once nothing is awaited.
    mutating func noteRunEndedWhileQuitting(_ id: Int) -> [Effect] {
        if case .asking = quit.phase {
            // The question counts what is still in flight; with nothing left it has nothing to ask.
            let active = runs.all.count(where: \.isActive)
            quit.phase = active > 0 ? .asking(count: active) : .idle
            return []
        }
        guard case .cancelling = quit.phase else { return [] }
        quit.awaitingEnd.remove(id)
        return quit.awaiting.isEmpty ? [.quit] : []
    }

    /// RunningHub answered a task's cancel: confirmed, the run is cancelled here too (its end is recorded
    /// interrupted); not, it is left recorded as in flight and the user is told.
    mutating func noteRunningHubCancel(runID id: Int, failure: String?) -> [Effect] {
        guard quit.awaitingCloud.remove(id) != nil else { return [] }
        guard let failure else {
            quit.awaitingEnd.insert(id)
            return [.cancelRun(runID: id)]
        }
        let run = runs.all.first { $0.id == id }
        farewell.append("run #\(id): RunningHub task \(run?.promptID ?? "?") could not be cancelled (\(failure)); it may still be running"
            + (run?.recordID.map { " and stays recorded as in flight: comfykit runs cancel \($0)" } ?? ""))
        return quit.awaiting.isEmpty ? [.quit] : []
    }

    /// The library ended the sweeps cancelled while quitting: the app quits once nothing else is awaited.
    mutating func noteSweepsStopped(_ sweepIDs: [Int]) -> [Effect] {
        quit.awaitingSweeps.subtract(sweepIDs)
        guard case .cancelling = quit.phase else { return [] }
        return quit.awaiting.isEmpty ? [.quit] : []
    }

    /// Past the wait, the app quits anyway, saying which cancels were not confirmed.
    mutating func quitIfCancelsOverdue() -> [Effect]? {
        guard case .cancelling(let deadline) = quit.phase, clock >= deadline else { return nil }
        for id in quit.awaiting.sorted() {
            let run = runs.all.first { $0.id == id }
            farewell.append("run #\(id): the server did not confirm its cancel within \(Int(QuitComponent.wait)) s; it may still be running"
                + (run?.recordID.map { " (recorded as in flight: comfykit runs cancel \($0))" } ?? ""))
        }
        return [.quit]
    }
}
