import ArgumentParser
import ComfyKit
import Foundation

/// How `run`, `runs watch` and `runs rerun` show a run: the live progress line (or NDJSON events), the
/// result for people, and the exit code (0 completed, 1 failed or timed out, 130 interrupted).
struct RunPresenter {
    /// NDJSON events on stdout instead of the progress line and the report.
    let json: Bool

    /// Consumes the events: NDJSON on stdout with `--json`; a live line on a terminal, plain lines otherwise.
    func follow(_ handle: RunHandle, totalNodes: Int) async -> RunOutcome {
        let live = Terminal.stderrIsTerminal
        var line = ProgressLine(totalNodes: totalNodes)
        let started = ContinuousClock.now
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lastPlainPercent = -1
        var outcome: RunOutcome?
        for await event in handle.events {
            if json { Terminal.output(JSONWriter.string(event.json)) }
            let message = line.apply(event)
            if case .finished(let o) = event { outcome = o }
            if live {
                let now = ContinuousClock.now
                if let message { Terminal.error("\r\u{1B}[K" + message + "\n") }
                if message != nil || now - lastDraw >= .milliseconds(50) || outcome != nil {
                    lastDraw = now
                    Terminal.error("\r\u{1B}[K" + line.render(width: Terminal.width - 1, elapsed: now - started))
                }
            } else if !json {
                if let message { Terminal.error(message + "\n") }
                if case .nodeStarted(let node, _) = event {
                    Terminal.error("node \(node.id) \(node.classType)\(node.label == node.classType ? "" : " (\(node.label))")\n")
                }
                let percent = Int(line.overall * 100) / 25 * 25
                if percent > lastPlainPercent, event.movesTheBar {
                    lastPlainPercent = percent
                    Terminal.error("progress \(percent)%\n")
                }
            }
        }
        if live { Terminal.error("\n") }
        if let outcome { return outcome }
        return await handle.outcome
    }

    /// The result for people: status, then each output name with its URLs (or saved paths).
    func report(_ result: ExecuteResult) {
        guard !json else { return }
        var lines = ["\(result.status.rawValue)" + (result.promptID.map { " prompt \($0)" } ?? "")
                     + (result.duration.map { " in \(String(format: "%.2f", $0)) s" } ?? "")]
        for (label, groups) in [("image", result.imagesByVar), ("video", result.videosByVar), ("audio", result.audiosByVar)] {
            for (name, urls) in groups {
                for url in urls { lines.append("\(name) (\(label)): \(url)") }
            }
        }
        for (name, texts) in result.textsByVar {
            for text in texts { lines.append("\(name) (text): \(text)") }
        }
        Terminal.output(lines.joined(separator: "\n"))
        if result.status != .completed, let msg = result.msg { Terminal.error("Error: \(msg)\n") }
    }

    /// Returns for a completed run; throws the exit code of any other end.
    func exit(_ result: ExecuteResult) throws {
        switch result.status {
        case .completed: return
        case .interrupted: throw ExitCode(130)
        case .error, .timeout:
            if json { Terminal.error("Error: \(result.msg ?? result.status.rawValue)\n") }
            throw ExitCode.failure
        }
    }
}
