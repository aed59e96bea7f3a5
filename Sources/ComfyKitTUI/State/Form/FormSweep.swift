import ComfyKit

/// A form's sweep: the values typed under fields (`^T` opens "values for NAME", read as the CLI's `--vary`), how
/// many times each combination runs (Alt-N) and what the seeds do (Alt-M). Inactive, ⏎ runs one prompt.
struct FormSweep: Hashable, Sendable {
    /// One "values for NAME" line under a field.
    struct Line: Hashable, Sendable {
        let param: String
        var edit: LineEdit
        var error: String?
    }

    /// The line that has the keyboard.
    enum Target: Hashable, Sendable {
        case values(param: String)
        case count
    }

    /// The lines in the order they were opened (that order is the sweep's: the first varies slowest).
    var lines: [Line] = []
    var count = LineEdit("1")
    var countError: String?
    var seedMode: SweepPlan.SeedMode = .fixed
    var editing: Target?
    /// ⏎ on a sweep of more than ``confirmAbove`` prompts asks first: the number asked about.
    var confirming: Int?
    /// How many prompts ⏎ sends, when every line reads; `nil` while one is in error.
    private(set) var prompts: Int? = 1

    /// Whether no seed changes between a prompt's repeats whatever the seeds' policy (the workflow has none, or they
    /// are varied by hand), as of the last ``revalidate(_:fields:)``.
    private(set) var noSeedToChange = false

    /// Each prompt goes out this many times with the same values, and why: a count above 1 with nothing to change
    /// between the repeats (ComfyUI runs it once and answers the repeats from its cache); `nil` otherwise.
    var identicalRepeats: (times: Int, reason: String)? {
        guard prompts != nil, let counted = Int(count.text.trimmingWhitespace()),
              SweepPlan.repeatsAreIdentical(count: counted, changesSeeds: !noSeedToChange, seedMode: seedMode) else { return nil }
        return (counted, noSeedToChange ? "no seed to change" : "seeds fixed")
    }

    /// Sweeps above this many prompts ask for `y` before anything is sent.
    static let confirmAbove = 50

    /// More than one prompt, or seeds that change: ⏎ sends a sweep.
    var isActive: Bool { !lines.isEmpty || count.text.trimmingWhitespace() != "1" || seedMode != .fixed }

    func line(for param: String) -> Line? { lines.first { $0.param == param } }

    /// Opens the line under `param` (its text the field's, a start for a list) and gives it the keyboard.
    mutating func open(_ param: String, text: String) {
        if line(for: param) == nil { lines.append(Line(param: param, edit: LineEdit(text))) }
        editing = .values(param: param)
    }

    /// Drops the line under `param`: the field's own value applies again.
    mutating func remove(_ param: String) {
        lines.removeAll { $0.param == param }
        if editing == .values(param: param) { editing = nil }
    }

    mutating func cycleSeedMode() {
        let all = SweepPlan.SeedMode.allCases
        seedMode = all[(all.firstIndex(of: seedMode)! + 1) % all.count]
    }

    /// A key for the line being edited; false when it is not a line-editing key.
    mutating func edit(with key: Key) -> Bool {
        switch editing {
        case .values(let param)?:
            guard let index = lines.firstIndex(where: { $0.param == param }) else { return false }
            return lines[index].edit.apply(key) != .ignored
        case .count?:
            return count.apply(key) != .ignored
        case nil:
            return false
        }
    }

    /// A paste into the line being edited.
    mutating func insert(_ text: String) {
        switch editing {
        case .values(let param)?:
            guard let index = lines.firstIndex(where: { $0.param == param }) else { return }
            lines[index].edit.insert(contentsOf: text)
        case .count?: count.insert(contentsOf: text)
        case nil: break
        }
    }

    /// Reads every line as the param's values and checks each value as the field checks a typed one (kind,
    /// whole numbers, the server's range and choices); errors go on their lines, and ``prompts`` is counted.
    mutating func revalidate(_ spec: WorkflowSpec, fields: [FieldState]) {
        for index in lines.indices { lines[index].error = Self.problem(of: lines[index], spec, fields) }
        let counted = Int(count.text.trimmingWhitespace())
        countError = counted.map { $0 >= 1 ? nil : "1 or more" } ?? "a whole number, 1 or more"
        guard let counted, countError == nil, lines.allSatisfy({ $0.error == nil }) else {
            prompts = nil
            return
        }
        let variations = lines.compactMap { line in try? Variation.parse(line.param + "=" + line.edit.text, spec: spec) }
        let product = variations.reduce(counted) { total, variation in total.multipliedReportingOverflow(by: variation.values.count).partialValue }
        noSeedToChange = (try? SweepPlan(spec: spec, variations: variations))?.seedParams.isEmpty ?? false
        if product > SweepPlan.maxPrompts { countError = SweepError.tooManyPrompts(product).description }
        prompts = product > SweepPlan.maxPrompts ? nil : product
    }

    /// The sweep to send, or why not (the first problem, with the line it is on).
    func request(_ spec: WorkflowSpec, params: [String: ParamValue]) -> Result<SweepRequest, SweepProblem> {
        if let line = lines.first(where: { $0.error != nil }) { return .failure(SweepProblem(param: line.param, message: line.error ?? "")) }
        if let countError { return .failure(SweepProblem(param: nil, message: "count: " + countError)) }
        var variations: [Variation] = []
        for line in lines {
            do {
                variations.append(try Variation.parse(line.param + "=" + line.edit.text, spec: spec))
            } catch {
                return .failure(SweepProblem(param: line.param, message: error.description))
            }
        }
        let base = params.filter { name, _ in !lines.contains { $0.param == name } }
        return .success(SweepRequest(params: base, variations: variations, count: Int(count.text.trimmingWhitespace()) ?? 1, seedMode: seedMode))
    }

    private static func problem(of line: Line, _ spec: WorkflowSpec, _ fields: [FieldState]) -> String? {
        if line.edit.text.allSatisfy(\.isWhitespace) { return "type the values: a,b,c · from..to[:step] · a JSON list" }
        let variation: Variation
        do {
            variation = try Variation.parse(line.param + "=" + line.edit.text, spec: spec)
        } catch {
            return Self.plain(error)
        }
        guard var field = fields.first(where: { $0.name == line.param }), field.kind != .media else { return nil }
        for value in variation.values {
            field.text = FieldState.text(of: value.jsonValue)
            if case .failure(let failure) = field.value() { return "\(field.text): \(failure.message)" }
        }
        return nil
    }

    /// A ``SweepError`` as it reads under a field (the CLI's `--vary` prefix is the form's line here).
    private static func plain(_ error: SweepError) -> String {
        switch error {
        case .malformed, .noValues: "expected a,b,c · from..to[:step] · a JSON list"
        case .badRange: "a range is from..to or from..to:step, from ≤ to, a positive step (whole numbers here)"
        case .tooManyValues(_, let count): "the range makes \(count) values, more than \(Variation.maxValues)"
        case .invalidValue(let error): error.description
        default: error.description
        }
    }
}

/// What ⏎ sends for a sweep: the fields' values, the varied values, the count and the seeds' policy.
struct SweepRequest: Hashable, Sendable {
    let params: [String: ParamValue]
    let variations: [Variation]
    let count: Int
    let seedMode: SweepPlan.SeedMode
}

/// Why a sweep cannot be sent, on the line it concerns (`nil`: the count).
struct SweepProblem: Error, Hashable, Sendable {
    let param: String?
    let message: String
}
