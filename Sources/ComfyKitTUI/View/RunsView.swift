import CellWidth

/// The runs screen: a tab per run, the selected run's progress, its outputs by name with a highlighted URL and
/// each file's download, and its event log below.
struct RunsView: Widget {
    let runs: RunsComponent
    /// The app's clock, for elapsed times.
    let now: Double
    /// Pictures are on: thumbnails beside the outputs (``ThumbnailGrid``).
    var showsPictures = false

    /// Rows of the progress part: rule, title, overall bar, node, step bar.
    private static let detailRows = 5

    func render(into rect: Rect, _ screen: inout Screen) {
        guard !rect.isEmpty, let run = runs.current else { return }
        let position = runs.all.firstIndex { $0.id == run.id } ?? 0
        renderTabs(selected: position, into: &screen, row: rect.row, rect: rect)
        let detail = Rect(column: rect.column, row: rect.row + 1, width: rect.width, height: min(Self.detailRows, rect.height - 1))
        RunPanel(run: run, count: runs.all.count, now: now, position: position, showsTail: false)
            .render(into: detail, &screen)
        var row = detail.bottom
        // The title line cuts a long message: here it reads whole, wrapped (a third of the screen at most).
        if !run.isActive, let message = run.message {
            for line in wrapped(message, to: rect.width - 4).prefix(max(1, rect.height / 3)) where row < rect.bottom - 2 {
                screen.put(line, at: rect.column + 2, row: row, style: .error, limit: rect.width - 3)
                row += 1
            }
        }
        // Nodes the server reused from an earlier run, by name: why they took no time.
        let cached = run.timing.cachedLabels
        if !cached.isEmpty, row < rect.bottom - 2 {
            screen.put("cached (\(cached.count)): " + cached.joined(separator: ", "), at: rect.column + 2, row: row, style: .muted,
                       limit: rect.width - 3)
            row += 1
        }
        // A sweep's prompts side by side: the varied values, where each ran, how it ended and what it made.
        if let sweep = run.sweep, rect.bottom - row > 4 {
            let members = runs.runs(ofSweep: sweep.sweepID)
            var tableRows = min(members.count + 1, max(3, (rect.bottom - row) / 3))
            var table = Rect(column: rect.column, row: row, width: rect.width, height: tableRows)
            // Where pictures are on, the prompts' pictures beside the table, each labelled by its values.
            if showsPictures, SweepThumbnails.hasPictures(members), rect.width >= 80 {
                tableRows = max(tableRows, min(13, (rect.bottom - row) / 2))
                let width = rect.width * 2 / 5
                table = Rect(column: rect.column, row: row, width: rect.width - width - 1, height: tableRows)
                SweepThumbnails(runs: members, selected: run.id)
                    .render(into: Rect(column: rect.column + rect.width - width, row: row + 1, width: width - 1, height: tableRows - 1), &screen)
            }
            SweepTableView(runs: members, selected: run.id).render(into: table, &screen)
            row += tableRows
        }
        let remaining = rect.bottom - row
        guard remaining > 1 else { return }
        let lines = outputLines(of: run)
        let grid = thumbnailRect(of: run, remaining: remaining, rect: rect, below: row)
        var outputRows = lines.isEmpty ? 2 : min(lines.count + 1, max(3, remaining * 2 / 3))
        if let grid { outputRows = max(outputRows, grid.height + 1) }
        rule(run.outputs.isEmpty ? "outputs" : "outputs (\(run.outputs.count))", into: &screen, row: row, rect: rect)
        if let grid { ThumbnailGrid(run: run, selected: runs.selectedOutput).render(into: grid, &screen) }
        // The list keeps left of the thumbnails.
        let list = grid.map { Rect(column: rect.column, row: rect.row, width: $0.column - rect.column - 1, height: rect.height) } ?? rect
        row += 1
        if lines.isEmpty {
            let text = run.isActive ? "none yet: they appear when the run completes" : "this run produced no outputs"
            screen.put(text, at: list.column + 2, row: row, style: .muted, limit: list.width - 3)
            row += 1
        } else {
            let visible = outputRows - 1
            let selectedLine = lines.firstIndex { $0.output == runs.selectedOutput } ?? 0
            // Keep the highlighted URL and the line under it (its download) in view, above a "more below" row.
            let first = max(0, min(selectedLine + 3 - visible, lines.count - visible))
            // When lines are cut below, the last row says so (the highlighted line is never that row: see `first`).
            let hidden = lines.count - first - visible
            for line in lines.dropFirst(first).prefix(hidden > 0 && visible >= 3 ? visible - 1 : visible) {
                if let output = line.output { screen.mark(.output(index: output), row: row, columns: list.column..<(list.column + list.width)) }
                draw(line, into: &screen, row: row, rect: list)
                row += 1
            }
            if hidden > 0 && visible >= 3 {
                screen.put("  ⋯ more below (j/k)", at: list.column + 1, row: row, style: .muted, limit: list.width - 2)
                row += 1
            }
        }
        if let grid { row = max(row, grid.bottom) }
        // The list names files; the highlighted one's whole URL reads here, wrapped, under the thumbnails too.
        if let url = runs.selectedOutputURL {
            for line in wrapped(OutputLabel.detail(of: url), to: rect.width - 4).prefix(2) where row < rect.bottom - 2 {
                screen.put(line, at: rect.column + 2, row: row, style: .muted, limit: rect.width - 3)
                row += 1
            }
        }
        guard rect.bottom - row > 1 else { return }
        rule("log", into: &screen, row: row, rect: rect)
        row += 1
        for line in run.log.suffix(rect.bottom - row) {
            screen.put(line, at: rect.column + 1, row: row, style: .muted, limit: rect.width - 2)
            row += 1
        }
    }

    /// The thumbnails' part of the outputs section: its right side, up to a third of the width and 14 rows, when the run
    /// has pictures (or a live preview) and the screen room for them.
    private func thumbnailRect(of run: RunState, remaining: Int, rect: Rect, below row: Int) -> Rect? {
        guard showsPictures, run.isActive ? run.preview != nil : !run.pictureOutputs.isEmpty else { return nil }
        let height = min(14, remaining - 3)
        let width = min(rect.width / 3, max(height * 2, rect.width - 44))
        guard height > ThumbnailGrid.minimumRows, width >= 2 * ThumbnailGrid.minimumRows, rect.width - width >= 40 else { return nil }
        return Rect(column: rect.column + rect.width - width - 1, row: row + 1, width: width, height: height)
    }

    /// One line of the outputs list: a group name, a URL or a text (with the index of its output), or a download state.
    private struct OutputLine {
        enum Kind { case group, url, download(FileDownload) }
        let kind: Kind
        let text: String
        let output: Int?
    }

    private func outputLines(of run: RunState) -> [OutputLine] {
        var lines: [OutputLine] = []
        var index = 0
        for group in run.outputGroups {
            lines.append(OutputLine(kind: .group, text: group.name, output: nil))
            for output in group.outputs {
                let text = switch output {
                case .file(let url): OutputLabel.fileName(of: url)
                case .text(_, let value, _): "“" + oneLine(value) + "”"
                }
                lines.append(OutputLine(kind: .url, text: text, output: index))
                if let download = run.downloads[output.key] {
                    lines.append(OutputLine(kind: .download(download), text: download.summary, output: nil))
                }
                index += 1
            }
        }
        return lines
    }

    private func draw(_ line: OutputLine, into screen: inout Screen, row: Int, rect: Rect) {
        switch line.kind {
        case .group:
            screen.put(line.text, at: rect.column + 1, row: row, style: .accent, attributes: .bold, limit: rect.width - 2)
        case .url:
            let selected = line.output == runs.selectedOutput
            if selected { screen.fill(row: row, from: rect.column, width: rect.width, style: .selection) }
            screen.put((selected ? "› " : "  ") + line.text, at: rect.column + 2, row: row, style: selected ? .selection : .normal,
                       limit: rect.width - 3)
        case .download(let download):
            let style: StyleSlot = switch download {
            case .saved: .success
            case .failed: .error
            case .inProgress: .accent
            }
            screen.put(line.text, at: rect.column + 6, row: row, style: style, limit: rect.width - 7)
        }
    }

    /// `#1 ✓ name  #2 45% name  …`, scrolled so the selected tab is whole.
    private func renderTabs(selected: Int, into screen: inout Screen, row: Int, rect: Rect) {
        let tabs = runs.all.map { " #\($0.id) \(badge(of: $0)) \($0.workflowName) " }
        let widths = tabs.map(CellWidth.of)
        var first = selected
        var used = widths[selected]
        while first > 0, used + widths[first - 1] + 1 <= rect.width - 2 {
            first -= 1
            used += widths[first] + 1
        }
        // ‹ and › say that tabs are scrolled off either side.
        if first > 0 { screen.put("‹", at: rect.column, row: row, style: .accent) }
        var x = rect.column + 1
        for index in first..<tabs.count {
            guard x < rect.column + rect.width - 1 else { break }
            if x + widths[index] > rect.column + rect.width - 1 {
                screen.put("›", at: rect.column + rect.width - 1, row: row, style: .accent)
                break
            }
            let isSelected = index == selected
            let used = screen.put(tabs[index], at: x, row: row, style: isSelected ? .selection : .muted,
                                  attributes: isSelected ? .bold : [], limit: rect.column + rect.width - 1 - x)
            screen.mark(.run(id: runs.all[index].id), row: row, columns: x..<(x + used))
            x += used
            x += 1
        }
    }

    /// `●` running with its percent, `…` waiting, `✓` completed, `✗` failed, `■` interrupted.
    private func badge(of run: RunState) -> String {
        switch run.phase {
        case .starting, .uploading: "…"
        case .queued(let position): position == 0 ? "next" : "queued \(position)"
        case .running: "● \(Int((min(max(run.overall, 0), 1) * 100).rounded()))%"
        case .finished(.completed): "✓"
        case .finished(.interrupted): "■"
        case .finished: "✗"
        }
    }

    private func rule(_ title: String, into screen: inout Screen, row: Int, rect: Rect) {
        screen.put("─ " + title + " " + String(repeating: "─", count: max(0, rect.width)), at: rect.column, row: row, style: .muted,
                   limit: rect.width)
    }
}
