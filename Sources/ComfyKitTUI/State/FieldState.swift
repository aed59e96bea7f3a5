import ComfyKit

/// A form field for one param: the text being edited, the cursor and the last validation error.
struct FieldState: Hashable, Sendable {
    let name: String
    let kind: ParamKind
    let isRequired: Bool
    /// An int bound to a `seed`/`noise_seed` input: ^R puts a random seed in.
    let isSeed: Bool
    var text: String
    /// The cursor as a character offset into `text`.
    var cursor: Int
    var error: String?

    init(_ param: ParamSpec) {
        name = param.name
        kind = param.kind
        isRequired = param.isRequired
        isSeed = param.kind == .int && param.bindings.contains { $0.field == "seed" || $0.field == "noise_seed" }
        text = param.defaultValue.map(Self.text(of:)) ?? ""
        cursor = text.count
        error = nil
    }

    /// The value to send, `nil` when left empty (the workflow's default applies), or the reason it is invalid.
    func value() -> Result<ParamValue?, FieldError> {
        if text.isEmpty {
            return isRequired ? .failure(FieldError(message: "required")) : .success(nil)
        }
        do {
            return .success(try ParamValue.coerce(text, to: kind, param: name))
        } catch {
            return .failure(FieldError(message: error.description))
        }
    }

    mutating func insert(_ character: Character) {
        text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += 1
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    mutating func moveCursor(by offset: Int) {
        cursor = min(max(0, cursor + offset), text.count)
    }

    /// Re-checks a non-empty value as it is typed; "required" is only reported on submit.
    mutating func revalidate() {
        if text.isEmpty { error = nil; return }
        if case .failure(let failure) = value() { error = failure.message } else { error = nil }
    }

    private static func text(of value: JSONValue) -> String {
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
