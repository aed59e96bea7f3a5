/// One param of a workflow: what a form field or a `-p name=value` gives a value to.
public struct ParamSpec: Hashable, Sendable {
    public let name: String
    public let kind: ParamKind
    public let isRequired: Bool
    /// The value used when the caller gives none. `nil` when required: required params never
    /// fall back to the node's literal.
    public let defaultValue: JSONValue?
    /// Every node input the value is written to, in workflow order.
    public let bindings: [Binding]
    /// Help text from the legacy `$name:description` marker form.
    public let description: String?

    public var isMedia: Bool { kind == .media }

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
    public let name: String
    public let nodeID: String
    public let classType: String
    /// True when named by `$output.name`; false when keyed by the node id.
    public let isNamed: Bool

    public init(name: String, nodeID: String, classType: String, isNamed: Bool) {
        self.name = name
        self.nodeID = nodeID
        self.classType = classType
        self.isNamed = isNamed
    }
}
