/// One param of a workflow: what a form field or a `-p name=value` gives a value to.
public struct ParamSpec: Hashable, Sendable {
    /// The name after `$` in the title, as callers pass it.
    public let name: String
    /// What values it takes: ``ParamKind/media`` for a `~` marker or a loader's file input, else inferred from the node's literal.
    public let kind: ParamKind
    /// True when marked with `!`: a run without a value for it fails.
    public let isRequired: Bool
    /// The value used when the caller gives none. `nil` when required: required params never
    /// fall back to the node's literal.
    public let defaultValue: JSONValue?
    /// Every node input the value is written to, in workflow order.
    public let bindings: [Binding]
    /// Help text from the legacy `$name:description` marker form.
    public let description: String?

    /// True when the value is a file to upload or a server file name.
    public var isMedia: Bool { kind == .media }

    /// A param built from its parts; ``WorkflowSpec`` builds these from node titles.
    public init(name: String, kind: ParamKind, isRequired: Bool, defaultValue: JSONValue?, bindings: [Binding], description: String?) {
        self.name = name
        self.kind = kind
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.bindings = bindings
        self.description = description
    }
}

/// One output a run can produce: a `$output.name` node or a known output node (keyed by its id).
public struct OutputSpec: Hashable, Sendable {
    /// The `$output` name, or the node id when unnamed; the key in ``ExecuteResult/imagesByVar`` and its kin.
    public let name: String
    /// The output node's id.
    public let nodeID: String
    /// The output node's class type (`SaveImage`).
    public let classType: String
    /// True when named by `$output.name`; false when keyed by the node id.
    public let isNamed: Bool

    /// An output built from its parts; ``WorkflowSpec`` builds these from node titles.
    public init(name: String, nodeID: String, classType: String, isNamed: Bool) {
        self.name = name
        self.nodeID = nodeID
        self.classType = classType
        self.isNamed = isNamed
    }
}
