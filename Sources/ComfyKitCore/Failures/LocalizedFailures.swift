import Foundation

/// An error whose `description` is the message users see: `localizedDescription` says the same, not
/// "The operation could not be completed".
public protocol DescribedError: LocalizedError, CustomStringConvertible {}

extension DescribedError {
    /// The `description`, so `localizedDescription` shows the real message.
    public var errorDescription: String? { description }
}

extension RunFailure: DescribedError {}
extension WorkflowError: DescribedError {}
extension WorkflowSpecError: DescribedError {}
extension BindError: DescribedError {}
extension ParamValueError: DescribedError {}
extension ValidationError: DescribedError {}
extension ComfyUIError: DescribedError {}
extension RunningHubError: DescribedError {}
extension JSONSyntaxError: DescribedError {}
extension EditorConversionError: DescribedError {}
