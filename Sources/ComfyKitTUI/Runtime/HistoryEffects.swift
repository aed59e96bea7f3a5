import ComfyKit
import ComfyKitHistory
import Logging

/// The run history's effects, each done off the UI loop and answered through the inbox.
struct HistoryEffects {
    let history: RunHistory
    let kit: ComfyKit
    let inbox: Inbox
    let logger: Logger

    /// The history screen's page of runs for `filter`, and how many match it.
    func load(_ filter: RunFilter) {
        Task.detached { [history, inbox] in
            do {
                let records = try await history.runs(filter)
                let total = try await history.count(filter)
                inbox.post(.history(.loaded(filter: filter.text ?? "", records: records, total: total)))
            } catch {
                inbox.post(.history(.failed(reason: "\(error)")))
            }
        }
    }

    /// Removes a run's record (its files stay).
    func forget(_ id: String) {
        Task.detached { [history, inbox, logger] in
            do {
                try await history.forget(id)
                logger.info("run forgotten", metadata: ["record": "\(id)"])
                inbox.post(.history(.forgotten(id: id)))
            } catch {
                inbox.post(.history(.failed(reason: "\(error)")))
            }
        }
    }

    /// The runs and sweeps an earlier session left in flight where this session's runs go.
    func reattachInFlight() {
        Task.detached { [history, kit, inbox, logger] in
            do {
                let (records, leftSweeps) = try await InFlightRuns.lookUp(in: history, for: kit)
                let (singles, sweeps) = try await InFlightRuns.sweeps(among: records, alsoSweeps: leftSweeps, in: history)
                logger.info("runs left in flight", metadata: ["count": "\(records.count)", "sweeps": "\(sweeps.count)"])
                inbox.post(.inFlightFound(singles))
                for sweep in sweeps { inbox.post(.inFlightSweepFound(sweep)) }
            } catch {
                logger.warning("runs left in flight could not be looked up: \(error)")
                inbox.post(.inFlightLookupFailed(reason: "\(error)"))
            }
        }
    }

    /// Corrects where a recorded run ran (the router picked it, or it was found on another server).
    func record(server: String, of recordID: String) {
        Task.detached { [history, logger] in
            do {
                _ = try await history.update(recordID) { $0.server = server }
            } catch {
                logger.warning("the run's server not recorded", metadata: ["record": "\(recordID)", "error": "\(error)"])
            }
        }
    }
}
