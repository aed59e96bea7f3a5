import ComfyKit

/// What the live progress line shows, updated from run events. Pure, so it is tested as text.
struct ProgressLine {
    var overall: Double = 0
    var queuePosition: Int?
    var node: NodeInfo?
    var nodeIndex = 0
    var totalNodes: Int
    var step: (value: Double, max: Double)?
    /// When the current node's first step arrived, for the rate.
    var stepStart: ContinuousClock.Instant?
    var stepStartValue: Double = 0
    var status = "starting"

    init(totalNodes: Int) { self.totalNodes = totalNodes }

    /// Folds one event in; returns a line to print above the bar, if the event deserves one.
    mutating func apply(_ event: RunEvent, at now: ContinuousClock.Instant = .now) -> String? {
        switch event {
        case .uploading(let param, let file): status = "uploading"; return "uploading \(param): \(file)"
        case .submitted(let id): status = "submitted"; return "submitted prompt \(id)"
        case .outputsDropped(let error): return "warning: \(error)"
        case .queued(let position): queuePosition = position; status = "queued"; return nil
        case .started: queuePosition = nil; status = "running"; return nil
        case .cached(let nodes): return "cached: \(nodes.count) node\(nodes.count == 1 ? "" : "s") reused"
        case .nodeStarted(let info, let overall):
            self.overall = overall
            node = info
            nodeIndex += 1
            step = nil
            stepStart = nil
            return nil
        case .progress(_, let value, let max, let overall):
            self.overall = overall
            if max > 0 {
                if stepStart == nil { stepStart = now; stepStartValue = value }
                step = (value, max)
            }
            return nil
        case .preview, .nodeText, .nodeOutput: return nil
        case .connectionLost: return "event stream lost; following the run through /history"
        case .reconnected: return "event stream back"
        case .finished(let outcome):
            overall = outcome.result.status == .completed ? 1 : overall
            status = outcome.result.status.rawValue
            return nil
        }
    }

    /// Steps per second of the current node, once two steps have been seen.
    func rate(at now: ContinuousClock.Instant) -> Double? {
        guard let step, let stepStart, step.value > stepStartValue else { return nil }
        let seconds = Double((now - stepStart).components.attoseconds) / 1e18 + Double((now - stepStart).components.seconds)
        return seconds > 0 ? (step.value - stepStartValue) / seconds : nil
    }

    /// `[████████░░░░]  52%  3/7 KSampler · Sampler  step 12/20  3.1 it/s  ETA 0:03  0:05`, cut to `width` cells.
    func render(width: Int, elapsed: Duration, now: ContinuousClock.Instant = .now) -> String {
        let barWidth = max(10, min(30, width / 4))
        let filled = Int((overall * Double(barWidth)).rounded(.down))
        var parts = ["[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]",
                     String(format3(Int((overall * 100).rounded(.down)))) + "%"]
        if let queuePosition {
            parts.append(queuePosition == 0 ? "queued: next" : "queued: \(queuePosition) ahead")
        } else if let node {
            let title = node.label == node.classType ? "" : " · " + node.label
            parts.append("\(nodeIndex)/\(totalNodes) \(node.classType)\(title)")
            if let step {
                parts.append("step \(Int(step.value))/\(Int(step.max))")
                if let rate = rate(at: now) {
                    parts.append(String(Int(rate * 10) / 10) + "." + String(Int(rate * 10) % 10) + " it/s")
                    let remaining = (step.max - step.value) / rate
                    if remaining.isFinite, remaining >= 0 { parts.append("ETA " + clock(Int(remaining.rounded()))) }
                }
            }
        } else {
            parts.append(status)
        }
        parts.append(clock(Int(elapsed.components.seconds)))
        return TextTable.clip(parts.joined(separator: "  "), to: width)
    }

    private func format3(_ n: Int) -> String { String(repeating: " ", count: max(0, 3 - String(n).count)) + String(n) }

    func clock(_ seconds: Int) -> String {
        seconds >= 3600 ? "\(seconds / 3600):" + pad(seconds / 60 % 60) + ":" + pad(seconds % 60) : "\(seconds / 60):" + pad(seconds % 60)
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
