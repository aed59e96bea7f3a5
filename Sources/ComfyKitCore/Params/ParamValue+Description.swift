extension ParamValue: CustomStringConvertible {
    /// The value as JSON text: `20`, `0.5`, `true`, `"a red fox"`, `null`.
    public var description: String { jsonValue.description }
}
