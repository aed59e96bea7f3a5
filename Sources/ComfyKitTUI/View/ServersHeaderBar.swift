import CellWidth

/// The top line with several servers: each server's name, `●` up or `○` down, its queue length and our runs
/// there (`box1 ● q2 · 1 ours`; RunningHub, when routed to, with its tasks: `runninghub ● 1 task running`), then how
/// many runs are going. Servers that do not fit are counted (`+2 more`).
struct ServersHeaderBar: Widget {
    /// The servers and how many of our runs each has.
    let servers: [(line: ServerLine, ours: Int)]
    let activeRuns: Int

    /// One server's part of the line, and the slot its mark is drawn in.
    static func part(_ line: ServerLine, ours: Int) -> (text: String, style: StyleSlot) {
        let oursText = ours > 0 ? " · \(ours) ours" : ""
        switch line.status {
        case .connected(let queue): return ("\(line.shortName) ● q\(queue)" + oursText, .headerSuccess)
        case .tasks(let running, let queued):
            return ("\(line.shortName) ● \(running) task\(running == 1 ? "" : "s") running" + (queued > 0 ? ", \(queued) queued" : "") + oursText, .headerSuccess)
        case .unreachable: return ("\(line.shortName) ○ down" + oursText, .headerError)
        case .unknown: return ("\(line.shortName) ○ …" + oursText, .header)
        }
    }

    func render(into area: Rect, _ screen: inout Screen) {
        guard !area.isEmpty else { return }
        screen.fill(row: area.row, from: area.column, width: area.width, style: .header)
        let running = activeRuns > 0 ? " \(activeRuns) running " : ""
        let end = area.column + area.width - CellWidth.of(running)
        var x = area.column + screen.put(" ", at: area.column, row: area.row, style: .header)
        for (index, server) in servers.enumerated() {
            let part = Self.part(server.line, ours: server.ours)
            // A part that does not fit whole is never cut: it and the rest are counted instead.
            if x + CellWidth.of(part.text) + 1 > end {
                screen.put("+\(servers.count - index) more", at: x, row: area.row, style: .header, limit: max(0, end - x))
                break
            }
            x += screen.put(part.text, at: x, row: area.row, style: part.style)
            x += screen.put("  ", at: x, row: area.row, style: .header)
        }
        if !running.isEmpty { screen.put(running, at: end, row: area.row, style: .header) }
    }
}
