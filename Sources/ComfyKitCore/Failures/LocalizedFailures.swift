import Foundation

// `error.localizedDescription` says what `description` says, not "The operation could not be completed".

extension RunFailure: LocalizedError {
    public var errorDescription: String? { description }
}

extension WorkflowError: LocalizedError {
    public var errorDescription: String? { description }
}

extension WorkflowSpecError: LocalizedError {
    public var errorDescription: String? { description }
}

extension BindError: LocalizedError {
    public var errorDescription: String? { description }
}

extension ParamValueError: LocalizedError {
    public var errorDescription: String? { description }
}

extension ValidationError: LocalizedError {
    public var errorDescription: String? { description }
}

extension ComfyUIError: LocalizedError {
    public var errorDescription: String? { description }
}

extension RunningHubError: LocalizedError {
    public var errorDescription: String? { description }
}

extension JSONSyntaxError: LocalizedError {
    public var errorDescription: String? { description }
}
