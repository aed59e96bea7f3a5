/// What a ComfyUI server says its node inputs accept (`GET /object_info`): combo choices, numeric
/// ranges and defaults, by node class and input name. Only inputs are kept; outputs and tooltips are dropped.
public struct ObjectInfo: Hashable, Sendable {
    /// Inputs by node class, then by input name.
    public private(set) var classes: [String: [String: InputInfo]]

    /// Inputs given directly, by node class and input name; for tests and callers that build their own.
    public init(classes: [String: [String: InputInfo]]) {
        self.classes = classes
    }

    /// Reads the `GET /object_info` document; entries that are not node classes are skipped.
    public init(_ document: JSONObject) {
        var classes: [String: [String: InputInfo]] = [:]
        for (classType, entry) in document {
            guard let input = entry["input"]?.objectValue else { continue }
            var inputs: [String: InputInfo] = [:]
            for category in ["required", "optional"] {
                for (name, spec) in input[category]?.objectValue ?? [:] {
                    if let info = InputInfo(spec: spec) { inputs[name] = info }
                }
            }
            classes[classType] = inputs
        }
        self.classes = classes
    }

    /// What input `name` of node class `classType` accepts; `nil` when the server does not list it.
    public func input(classType: String, name: String) -> InputInfo? {
        classes[classType]?[name]
    }

    /// What a param accepts: the inputs it is bound to, merged (a fan-out param must suit them all),
    /// or `nil` when the server knows none of them.
    public func input(for param: ParamSpec) -> InputInfo? {
        input(for: param.bindings)
    }

    /// What inputs bound together accept, merged; `nil` when the server knows none of them.
    public func input(for bindings: [Binding]) -> InputInfo? {
        let known = bindings.compactMap { input(classType: $0.classType, name: $0.field) }
        guard var merged = known.first else { return nil }
        for other in known.dropFirst() { merged = merged.narrowed(by: other) }
        return merged
    }
}

/// One node input as object_info declares it.
public struct InputInfo: Hashable, Sendable {
    /// The declared type: `INT`, `FLOAT`, `STRING`, `BOOLEAN`, `COMBO` (also for the legacy list form), `IMAGE`, …
    public let type: String
    /// The allowed values of a combo, in the server's order (model files, samplers, uploaded images…).
    public let choices: [String]?
    /// The bounds as the server wrote them (a seed's maximum, 2^64 − 1, is wider than `Int`).
    public let minimum: JSONNumber?
    /// The upper bound as the server wrote it; `nil` when unbounded.
    public let maximum: JSONNumber?
    /// The input's declared `default`; `nil` when the server gives none.
    public let defaultValue: JSONValue?
    /// `STRING` inputs the server edits in a text area (prompts).
    public let isMultiline: Bool

    /// ``minimum`` as a `Double` (possibly rounded); `nil` when unbounded.
    public var min: Double? { minimum?.doubleValue }
    /// ``maximum`` as a `Double` (possibly rounded); `nil` when unbounded.
    public var max: Double? { maximum?.doubleValue }

    /// An input of `type`; every constraint left `nil` is absent.
    public init(type: String, choices: [String]? = nil, minimum: JSONNumber? = nil, maximum: JSONNumber? = nil,
                defaultValue: JSONValue? = nil, isMultiline: Bool = false) {
        self.type = type
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum
        self.defaultValue = defaultValue
        self.isMultiline = isMultiline
    }

    /// Reads `["INT", {"min": 0, …}]`, `[["a", "b"], {…}]` (legacy combo) or `["COMBO", {"options": […]}]`.
    init?(spec: JSONValue) {
        guard let parts = spec.arrayValue, let first = parts.first else { return nil }
        let options = parts.count > 1 ? parts[1].objectValue ?? [:] : [:]
        switch first {
        case .array(let items):
            type = "COMBO"
            choices = items.map(Self.choiceText)
        case .string("COMBO"):
            type = "COMBO"
            choices = options["options"]?.arrayValue?.map(Self.choiceText) ?? []
        case .string(let name):
            type = name
            choices = nil
        default:
            return nil
        }
        minimum = options["min"]?.numberValue
        maximum = options["max"]?.numberValue
        defaultValue = options["default"]
        isMultiline = options["multiline"]?.boolValue ?? false
    }

    /// Both constraints at once: choices in both lists, the tighter bounds.
    func narrowed(by other: InputInfo) -> InputInfo {
        let choices: [String]? = switch (self.choices, other.choices) {
        case (let a?, let b?): a.filter(Set(b).contains)
        case (let a, let b): a ?? b
        }
        let minimum = [minimum, other.minimum].compactMap { $0 }.max { $0.doubleValue < $1.doubleValue }
        let maximum = [maximum, other.maximum].compactMap { $0 }.min { $0.doubleValue < $1.doubleValue }
        return InputInfo(type: type, choices: choices, minimum: minimum, maximum: maximum,
                         defaultValue: defaultValue ?? other.defaultValue, isMultiline: isMultiline || other.isMultiline)
    }

    /// A choice as the workflow would carry it: strings as they are, numbers by their literal.
    private static func choiceText(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(value)
    }
}
