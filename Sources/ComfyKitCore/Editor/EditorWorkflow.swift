/// A workflow in the ComfyUI editor's own format, as read from a file, a URL or memory.
public struct EditorWorkflow: Hashable, Sendable {
    /// The editor's JSON (`nodes`, `links`, `widgets_values`, `definitions`).
    public let document: JSONObject
    /// Where it came from, for messages.
    public let source: String
    /// The display name the converted ``Workflow`` takes.
    public let name: String

    /// An editor document; `source` and `name` are for messages and the converted workflow's name.
    public init(document: JSONObject, source: String, name: String) {
        self.document = document
        self.source = source
        self.name = name
    }

    /// The API-format graph the ComfyUI frontend would send for it, node titles (and so DSL markers) kept.
    public func workflow(catalog: WidgetCatalog) throws(WorkflowError) -> Workflow {
        let prompt: JSONObject
        do {
            prompt = try EditorConverter(catalog: catalog).prompt(for: document, source: source)
        } catch {
            throw .editorConversion(error)
        }
        guard case .workflow(let workflow) = try WorkflowDocument.from(.object(prompt), source: source, name: name) else {
            throw .noNodes(source: source)
        }
        return workflow
    }
}
