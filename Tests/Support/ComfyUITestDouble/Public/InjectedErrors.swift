/// A validation error the double reports for the selected nodes, as if `validate_inputs` had found it.
///
/// The node's outputs are then dropped (200 with `node_errors`) or the prompt refused (400), like a real one.
public struct ForcedValidationError: Sendable, Equatable {
    public var type: String
    public var message: String
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

/// Makes `POST /upload/image` fail.
public struct UploadFault: Sendable, Equatable {
    public var status: Int
    /// How many uploads fail before they work again; nil for all of them.
    public var count: Int?
    public var body: String

    public init(status: Int = 500, count: Int? = nil, body: String = "") {
        self.status = status
        self.count = count
        self.body = body
    }
}

/// Preview frames sent while sampler-like nodes report progress.
public struct PreviewSettings: Sendable, Equatable {
    /// Sampler previews (`KSampler`, …). `SaveImageWebsocket` frames are its output and always sent.
    public var enabled: Bool
    /// Size in bytes of each preview image (the frame adds its header); nil for a small real image.
    public var imageSize: Int?

    public init(enabled: Bool = true, imageSize: Int? = nil) {
        self.enabled = enabled
        self.imageSize = imageSize
    }
}
