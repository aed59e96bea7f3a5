/// A validation error the double reports for the selected nodes, as if `validate_inputs` had found it.
///
/// The node's outputs are then dropped (200 with `node_errors`) or the prompt refused (400), like a real one.
public struct ForcedValidationError: Sendable, Equatable {
    /// The node error `type`, e.g. `custom_validation_failed`.
    public var type: String
    /// The node error `message`.
    public var message: String
    /// The node error `details`.
    public var details: String
    /// Becomes `extra_info.input_name` when set.
    public var inputName: String?

    public init(
        type: String = "custom_validation_failed",
        message: String = "Custom validation failed for node",
        details: String = "forced by the test double",
        inputName: String? = nil
    ) {
        self.type = type
        self.message = message
        self.details = details
        self.inputName = inputName
    }
}
