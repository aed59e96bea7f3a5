/// An exception the selected nodes raise when executed, reported as `execution_error`.
public struct ForcedExecutionError: Sendable, Equatable {
    /// Python's qualified exception name, e.g. `RuntimeError`, `torch.OutOfMemoryError`.
    public var exceptionType: String
    /// The exception text; the double appends the trailing newline ComfyUI's formatting adds.
    public var message: String

    public init(exceptionType: String = "RuntimeError", message: String = "Injected failure") {
        self.exceptionType = exceptionType
        self.message = message
    }
}
