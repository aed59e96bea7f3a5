import ComfyKit
import Foundation

/// The server-queue screen: running, pending and recent prompts of every client, this session's marked `●` with
/// their run number and workflow name, the highlighted row kept in view.
struct QueueView: Widget {
    let queue: QueueComponent
    /// This session's runs by prompt id.
    let ours: [String: QueueComponent.OurRun]

    /// One screen line: a section rule, a placeholder, or a prompt (its index among the rows).
    private enum Line {
        case rule(String)
        case note(String)
        case row(index: Int, QueueComponent.Row)
    }

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty else { return }
        var row = rect.row
        if let failure = queue.failure {
            let prefix = queue.snapshot == nil ? "the server did not answer: " : "the last look failed (showing the one before): "
            screen.put(prefix + failure, at: rect.column + 1, row: row, style: .error, limit: rect.width - 2)
            row += 1
        }
        guard queue.snapshot != nil else {
            if queue.failure == nil { screen.put("asking the server…", at: rect.column + 1, row: row, style: .muted, limit: rect.width - 2) }
            return
        }
        let lines = self.lines()
        let visible = max(1, rect.bottom - row)
        let selectedLine = lines.firstIndex { if case .row(let index, _) = $0 { index == queue.selection } else { false } } ?? 0
        // The highlighted row and the rule above it stay in view.
        let first = max(0, min(selectedLine + 1 - visible, lines.count - visible))
        for line in lines.dropFirst(first).prefix(visible) {
            draw(line, row: row, rect: rect, into: &screen)
            row += 1
        }
    }

    private func lines() -> [Line] {
        guard let snapshot = queue.snapshot else { return [] }
        var lines: [Line] = []
        var index = 0
        for (title, jobs, empty) in [("running", snapshot.running, "nothing runs"), ("pending", snapshot.pending, "nothing waits"),
                                     ("recent", snapshot.recent, "no history yet")] {
            lines.append(.rule("\(title) (\(jobs.count))"))
            if jobs.isEmpty { lines.append(.note(empty)) }
            for job in jobs {
                lines.append(.row(index: index, QueueComponent.Row(job: job, ours: ours[job.id])))
                index += 1
            }
        }
        return lines
    }

    private func draw(_ line: Line, row: Int, rect: Rect, into screen: inout Screen) {
        switch line {
        case .rule(let title):
            screen.put("─ " + title + " " + String(repeating: "─", count: max(0, rect.width)), at: rect.column, row: row,
                       style: .muted, limit: rect.width)
        case .note(let text):
            screen.put(text, at: rect.column + 3, row: row, style: .muted, limit: rect.width - 4)
        case .row(let index, let item):
            let selected = index == queue.selection
            if selected { screen.fill(row: row, from: rect.column, width: rect.width, style: .selection) }
            var x = rect.column + 1
            x += screen.put(item.ours == nil ? " " : "●", at: x, row: row, style: selected ? .selection : .accent)
            x += screen.put(" " + String(item.job.id.prefix(8)) + "  ", at: x, row: row, style: selected ? .selection : .muted,
                            limit: rect.column + rect.width - x)
            x += screen.put(Self.pad(Self.state(of: item.job), to: 10), at: x, row: row, style: selected ? .selection : Self.style(of: item.job),
                            limit: rect.column + rect.width - x)
            x += screen.put(Self.pad(Self.detail(of: item.job), to: 20), at: x, row: row, style: selected ? .selection : .muted,
                            limit: rect.column + rect.width - x)
            let owner = item.ours.map { "#\($0.runID) \($0.name)" } ?? "another client"
            screen.put(owner, at: x, row: row, style: selected ? .selection : (item.ours == nil ? .muted : .normal), limit: rect.column + rect.width - x - 1)
        }
    }

    static func state(of job: ServerJob) -> String {
        switch job.status {
        case .inProgress: "running"
        case .pending: "pending"
        case .completed: "completed"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    private static func style(of job: ServerJob) -> StyleSlot {
        switch job.status {
        case .inProgress: .accent
        case .completed: .success
        case .failed: .error
        case .pending, .cancelled: .muted
        }
    }

    /// Ended prompts: how long they ran and what they left.
    static func detail(of job: ServerJob) -> String {
        guard job.status.hasEnded else { return "" }
        var parts: [String] = []
        if let start = job.startedAt, let end = job.endedAt { parts.append(String(format: "%.1f s", end.timeIntervalSince(start))) }
        parts.append(job.outputsCount == 1 ? "1 output" : "\(job.outputsCount) outputs")
        return parts.joined(separator: ", ")
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
