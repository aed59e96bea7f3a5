import ComfyKit

/// A form field for one param: the text being edited, the cursor and the last validation error.
struct FieldState: Hashable, Sendable {
    let name: String
    let kind: ParamKind
    let isRequired: Bool
    /// An int bound to a `seed`/`noise_seed` input: ^R puts a random seed in.
    let isSeed: Bool
    /// The node inputs the param writes, to look up what the server accepts there.
    let bindings: [Binding]
    /// The text being typed and its cursor.
    var line: LineEdit
    var text: String {
        get { line.text }
        set { line = LineEdit(newValue, cursor: line.cursor) }
    }
    /// The cursor as a character offset into `text`.
    var cursor: Int {
        get { line.cursor }
        set { line.move(to: newValue) }
    }
    var error: String?
    /// What the server says the bound input accepts (choices, range, default); `nil` offline.
    var input: InputInfo?
    /// For a media field, what its text refers to, as last validated.
    var media: MediaHint?
    /// The candidates of the last ambiguous Tab completion of a media path, cycled by further Tabs.
    var completion: PathCompletion?

    /// The inline error of a required field left empty.
    static let requiredMessage = "required"

    init(_ param: ParamSpec, _ env: TUIEnvironment) {
        name = param.name
        kind = param.kind
        isRequired = param.isRequired
        isSeed = param.kind == .int && param.bindings.contains { $0.field == "seed" || $0.field == "noise_seed" }
        bindings = param.bindings
        line = LineEdit(param.defaultValue.map(Self.text(of:)) ?? "")
        error = nil
        media = kind == .media ? MediaHint(text, fileExists: env.fileExists, isDirectory: env.isDirectory) : nil
    }

    /// The value to send, `nil` when left empty (the workflow's default applies), or the reason it is invalid;
    /// a media text as last classified by ``revalidate(_:)``.
    func value() -> Result<ParamValue?, FieldError> {
        // Blanks in a number or true/false field are as empty: the default applies.
        let isBlank = [ParamKind.int, .float, .bool].contains(kind) && text.allSatisfy(\.isWhitespace)
        if text.isEmpty || isBlank {
            return isRequired ? .failure(FieldError(message: FieldState.requiredMessage)) : .success(nil)
        }
        if kind == .int, let problem = Self.wholeNumberProblem(text) { return .failure(FieldError(message: problem)) }
        let value: ParamValue
        do {
            value = try ParamValue.coerce(text, to: kind, param: name)
        } catch {
            return .failure(FieldError(message: error.description))
        }
        if let problem = serverProblem(with: value) { return .failure(FieldError(message: problem)) }
        return .success(value)
    }

    /// Why an int field's text is not written as a whole number (`64.5`, `1.5e1`), `nil` when it is: the form
    /// takes integers as digits only, so what is sent is what was typed.
    static func wholeNumberProblem(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }
        guard trimmed.count - digits.count <= 1, !digits.isEmpty, !digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return "a whole number is needed here (e.g. 64), not \"\(trimmed)\""
    }

    /// Re-checks a non-empty value as it is typed; "required" is only reported on submit. A media text is
    /// classified here, once, and ``value()`` uses that.
    mutating func revalidate(_ env: TUIEnvironment) {
        media = kind == .media ? MediaHint(text, fileExists: env.fileExists, isDirectory: env.isDirectory) : nil
        // "required", once reported on submit, stays until something is typed: the server's catalog arriving
        // after Enter re-checks every field and must not wipe it.
        if text.isEmpty {
            if error != FieldState.requiredMessage { error = nil }
            return
        }
        if case .failure(let failure) = value() { error = failure.message } else { error = nil }
    }

    /// A value as a field shows it: a default, or a recorded run's value for a re-run.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.literal
        case .string(let s): s
        case .array, .object: JSONWriter.string(value)
        }
    }
}

/// Why a field's text cannot be sent.
struct FieldError: Error, Hashable, Sendable {
    let message: String
}
