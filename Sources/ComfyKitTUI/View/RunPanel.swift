/// The selected run: its state, the overall bar, the current node with its step bar, and the last log lines
/// (or, once it has finished, its output URLs by name with their downloads).
struct RunPanel: Widget {
    let run: RunState
    let count: Int
    /// The app's clock, for elapsed time, rate and ETA.
    let now: Double
    /// Where the run is among all runs (0-based), for `run 2/3` in the title.
    var position = 0
    /// False on the runs screen, which lists outputs and the log itself.
    var showsTail = true
    /// Pictures are on: the live preview (then the first output) at the panel's right, the text beside it.
    var showsPicture = false

    func render(into whole: Rect, _ screen: inout Screen) {
        guard !whole.isEmpty else { return }
        screen.put(String(repeating: "─", count: whole.width), at: whole.column, row: whole.row, style: .muted)
        let rect = placePicture(in: whole, &screen)
        var lines = rect.row + 1
        var elapsed = run.elapsed(now: now).map { "  " + RunPanel.clock($0) } ?? ""
        if let left = run.runETA(now: now) { elapsed += "  ETA " + RunPanel.clock(left) }
        if let server = run.server { elapsed += "  on " + ServerLine(name: server).shortName }
        let title = "run #\(run.id) \(run.workflowName)  " + phaseText + elapsed + (count > 1 ? "  (run \(position + 1)/\(count))" : "")
        screen.put(title, at: rect.column + 1, row: lines, style: phaseStyle, attributes: .bold, limit: rect.width - 2)
        lines += 1
        guard lines < rect.bottom else { return }
        if run.isActive, !run.isBeforeSubmission, run.node == nil, run.overall == 0 {
            // No progress to show yet (the HTTP executor polls; the socket has not named a node): a block that moves
            // each second says the run is alive, where a bar stuck at 0% would say it is not.
            bar(label: "overall", fraction: 0, busyStep: Int(run.elapsed(now: now) ?? 0), suffix: " busy", into: &screen, row: lines, rect: rect)
        } else {
            bar(label: "overall", fraction: run.overall, suffix: percent(run.overall), into: &screen, row: lines, rect: rect)
        }
        lines += 1
        // Once outputs are in, their rows matter more than the last node's.
        if let node = run.node, lines < rect.bottom, run.isActive || run.outputs.isEmpty || !showsTail {
            var steps = run.stepMax > 0 ? "  \(Int(run.stepValue))/\(Int(run.stepMax))" : ""
            if run.isActive, let rate = run.stepRate {
                steps += "  " + String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) + " it/s"
                if let eta = run.stepETA { steps += "  ETA " + RunPanel.clock(eta) }
            }
            screen.put("node \(node.id) \(node.label == node.classType ? node.classType : "\(node.label) (\(node.classType))")\(steps)", at: rect.column + 1, row: lines,
                       limit: rect.width - 2)
            lines += 1
            if run.stepMax > 0, lines < rect.bottom, run.isActive {
                bar(label: "steps", fraction: run.stepValue / run.stepMax, suffix: percent(run.stepValue / run.stepMax),
                    into: &screen, row: lines, rect: rect)
                lines += 1
            }
        }
        guard showsTail else { return }
        let rows = max(0, rect.bottom - lines)
        var tail = run.outputs.isEmpty ? Array(run.log.suffix(rows)) : outputLines
        if !run.outputs.isEmpty, tail.count > rows, rows > 0 {
            let hidden = tail.count - (rows - 1)
            tail = tail.prefix(rows - 1) + ["+\(hidden) more (o lists them all)"]
        }
        for line in tail {
            screen.put(line, at: rect.column + 1, row: lines, style: run.outputs.isEmpty ? .muted : .accent, limit: rect.width - 2)
            lines += 1
        }
    }

    /// The picture's place: right of the text, under the rule, twice as wide as high (a square picture in cells
    /// about twice as high as wide). Returns what is left for the text (all of it when there is no picture).
    private func placePicture(in rect: Rect, _ screen: inout Screen) -> Rect {
        guard showsPicture, let source = RunPanel.pictureSource(of: run) else { return rect }
        let height = rect.height - 1
        let width = height * 2
        guard height >= 3, rect.width - width - 1 >= 40 else { return rect }
        let column = rect.column + rect.width - width - 1
        // A video shows its first frame, said under it so that it is not taken for a still picture.
        if case .output(let url) = source, MediaKind(url: url) == .video {
            screen.place(source, in: Rect(column: column, row: rect.row + 1, width: width, height: height - 1), slot: "panel")
            screen.put(width >= 26 ? "▶ video, its first frame" : "▶ video", at: column, row: rect.row + height, style: .muted, limit: width)
        } else {
            screen.place(source, in: Rect(column: column, row: rect.row + 1, width: width, height: height), slot: "panel")
        }
        return Rect(column: rect.column, row: rect.row, width: rect.width - width - 2, height: rect.height)
    }

    /// While it runs, its latest preview frame; once done, its first picture output.
    static func pictureSource(of run: RunState) -> PictureSource? {
        if run.isActive { return run.preview.map { .preview(runID: run.id, frame: $0.frame) } }
        return run.firstPictureOutput.map { .output(url: $0) }
    }

    /// `name → url` per file and `name: text` per text output, with the download's state.
    private var outputLines: [String] {
        run.outputGroups.flatMap { group in
            group.outputs.map { output in
                let text = switch output {
                case .file(let url): group.name + " → " + OutputLabel.fileName(of: url)
                case .text(_, let value, _): group.name + ": " + oneLine(value)
                }
                return text + (run.downloads[output.key].map { "  " + $0.mark } ?? "")
            }
        }
    }

    var phaseText: String {
        switch run.phase {
        case .starting: "starting…"
        case .uploading(let file): "uploading \(file)"
        case .queued(let position): position == 0 ? "queued (next)" : "queued (position \(position))"
        case .running: "running"
        case .finished(let status): status.rawValue + (run.message.flatMap { $0 == status.rawValue ? nil : ": \($0)" } ?? "")
        }
    }

    var phaseStyle: StyleSlot {
        switch run.phase {
        case .finished(.completed): .success
        case .finished: .error
        default: .accent
        }
    }

    private func percent(_ fraction: Double) -> String {
        fraction.isFinite ? " \(Int((min(max(fraction, 0), 1) * 100).rounded()))%" : ""
    }

    /// A labelled bar with its suffix; with `busyStep`, the busy block and a muted suffix.
    private func bar(label: String, fraction: Double, busyStep: Int? = nil, suffix: String, into screen: inout Screen, row: Int, rect: Rect) {
        let labelWidth = 9
        screen.put(label, at: rect.column + 1, row: row, style: .muted)
        let width = max(0, rect.width - labelWidth - 7)
        ProgressBar(fraction: fraction, busyStep: busyStep)
            .render(into: Rect(column: rect.column + labelWidth, row: row, width: width, height: 1), &screen)
        screen.put(suffix, at: rect.column + labelWidth + width, row: row, style: busyStep == nil ? .normal : .muted)
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded())
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return total >= 3600 ? "\(total / 3600):" + pad(total / 60 % 60) + ":" + pad(total % 60) : "\(total / 60):" + pad(total % 60)
    }
}

/// A text output on one row: its line breaks shown as `⏎`.
func oneLine(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ⏎ ")
}
