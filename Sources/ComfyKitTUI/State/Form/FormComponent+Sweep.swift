import ComfyKit

// The form's sweep keys: ^T opens (or removes) a field's "values for NAME" line, Alt-N edits the count, Alt-M
// cycles the seeds' policy; a sweep of more than 50 prompts asks for `y` before it is sent.

extension FormComponent {
    /// Keys the sweep takes (its confirmation, its lines while one is edited, the keys that open them); `nil`
    /// leaves the key to the form.
    mutating func handleSweepKey(_ key: Key, _ env: TUIEnvironment, _ context: Context, status: inout String) -> Outcome? {
        if let prompts = sweep.confirming {
            switch key {
            case .character("y"), .character("Y"):
                sweep.confirming = nil
                guard let params = validatedParams(env) else {
                    status = "\(errorCount) field(s) need a value or a fix"
                    return .effects([])
                }
                return submitSweep(params, confirmed: true, status: &status)
            case .escape, .character("n"), .character("N"):
                sweep.confirming = nil
                status = "the sweep of \(prompts) prompts was not sent"
            default:
                status = "\(prompts) prompts: y sends them, Esc does not"
            }
            return .effects([])
        }
        switch key {
        case .control("t"):
            toggleSweepLine(status: &status)
            return .effects([])
        case .alt("n"):
            sweep.editing = .count
            status = "count: each combination of values runs this many times"
            return .effects([])
        case .alt("m"):
            sweep.cycleSeedMode()
            sweep.revalidate(workflow.spec, fields: fields)
            status = "seeds: \(sweep.seedMode.rawValue)" + (sweep.seedMode == .fixed ? "" : " (each prompt's seed is shown on its run)")
            return .effects([])
        default:
            break
        }
        guard sweep.editing != nil else { return nil }
        switch key {
        case .escape:
            sweep.editing = nil
            return .effects([])
        case .enter, .control("x"):
            return nil
        case .tab, .down, .backTab, .up:
            sweep.editing = nil
            return nil
        default:
            if sweep.edit(with: key) { sweep.revalidate(workflow.spec, fields: fields) }
            return .effects([])
        }
    }

    /// ^T on a field: opens its line (or moves to it); on its own line, removes it.
    private mutating func toggleSweepLine(status: inout String) {
        guard fields.indices.contains(focus) else { return }
        let name = fields[focus].name
        if sweep.editing == .values(param: name) {
            sweep.remove(name)
            status = "\(name): one value again"
        } else {
            let fresh = sweep.line(for: name) == nil
            sweep.open(name, text: fields[focus].text)
            fields[focus].error = nil
            if fresh { status = "values for \(name): 10,20,30 · 4..8:0.5 · [\"a, b\",\"c\"]; ^T again removes them" }
        }
        sweep.revalidate(workflow.spec, fields: fields)
    }

    /// The fields are valid: the sweep's lines must be too (else the first line in error takes the focus), and
    /// above ``FormSweep/confirmAbove`` prompts the user says `y` first. Nothing is sent otherwise.
    mutating func submitSweep(_ params: [String: ParamValue], confirmed: Bool = false, status: inout String) -> Outcome {
        switch sweep.request(workflow.spec, params: params) {
        case .failure(let problem):
            status = "sweep not sent: " + (problem.param.map { "values for \($0): " } ?? "") + problem.message
            if let param = problem.param, let index = fields.firstIndex(where: { $0.name == param }) {
                focus = index
                sweep.editing = .values(param: param)
            } else if problem.param == nil {
                sweep.editing = .count
            }
            return .effects([])
        case .success(let request):
            let prompts = sweep.prompts ?? 0
            if prompts > FormSweep.confirmAbove, !confirmed {
                sweep.confirming = prompts
                status = "\(prompts) prompts: y sends them, Esc does not"
                return .effects([])
            }
            // Sent: Esc goes back to the list again, not out of the line.
            sweep.editing = nil
            return .submitSweep(request)
        }
    }
}
