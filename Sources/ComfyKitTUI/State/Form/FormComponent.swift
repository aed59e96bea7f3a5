import ComfyKit

/// The form of one workflow: a field per param in workflow order, the focused field, and the picker or editor
/// open over it. Its ``update(_:_:_:status:)`` handles what reaches the form; the app acts on the outcome.
struct FormComponent: Hashable, Sendable {
    let workflowPath: String
    /// The workflow as read when the form opened: what a run of this form executes.
    let workflow: ReadWorkflow
    var fields: [FieldState]
    var focus: Int = 0
    /// The choice list open over a combo field, if any; it has the keyboard while open.
    var picker: ChoicePicker?
    /// The multi-line editor open over a text field, if any; it has the keyboard while open.
    var editor: TextEditor?
    /// The sweep typed under the fields (^T), its count and seed policy; inactive, ⏎ runs one prompt.
    var sweep = FormSweep()

    /// The user pressed ⏎ once after being told the file changed: the next ⏎ runs the workflow as shown.
    var acceptsChangedFile = false

    /// Fields start from the workflow's defaults, or from `remembered` texts by param name (unknown names are ignored).
    init(workflowPath: String, workflow: ReadWorkflow, remembered: [String: String], _ env: TUIEnvironment) {
        self.workflowPath = workflowPath
        self.workflow = workflow
        fields = workflow.spec.params.map { FieldState($0, env) }
        for index in fields.indices {
            guard let text = remembered[fields[index].name] else { continue }
            fields[index].text = text
            fields[index].cursor = text.count
            fields[index].revalidate(env)
        }
    }

    /// Whether the workflow's file changed (or went) since the form read it.
    func fileChanged(_ env: TUIEnvironment) -> Bool {
        guard let stamp = workflow.stamp else { return false }
        return env.fileStamp(workflowPath) != stamp
    }

    /// Every field's text by param name, as remembered for the next time the form opens.
    var fieldTexts: [String: String] {
        Dictionary(fields.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// The coerced values of all non-empty fields, or `nil` after marking every field in error. Media texts
    /// are classified again: a file may have appeared or gone since it was typed.
    mutating func validatedParams(_ env: TUIEnvironment) -> [String: ParamValue]? {
        var params: [String: ParamValue] = [:]
        var firstError: Int?
        for index in fields.indices {
            // A swept field's values come from its sweep line, which is checked on its own.
            if sweep.line(for: fields[index].name) != nil {
                fields[index].error = nil
                continue
            }
            if fields[index].kind == .media { fields[index].revalidate(env) }
            switch fields[index].value() {
            case .success(let value):
                fields[index].error = nil
                if let value { params[fields[index].name] = value }
            case .failure(let failure):
                fields[index].error = failure.message
                firstError = firstError ?? index
            }
        }
        if let firstError {
            focus = firstError
            return nil
        }
        return params
    }

    /// Gives each field what the server accepts at its inputs (nothing when offline) and re-checks it.
    mutating func attach(_ info: ObjectInfo?, _ env: TUIEnvironment) {
        for index in fields.indices { fields[index].attach(info?.input(for: fields[index].bindings), env) }
        sweep.revalidate(workflow.spec, fields: fields)
    }

    var errorCount: Int { fields.count { $0.error != nil } }

    mutating func moveFocus(by offset: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + offset + fields.count) % fields.count
    }
}
