/// A RunningHub workflow id: one or more ASCII digits.
///
/// ASCII only: the Python ComfyKit used `str.isdigit`, which also accepts `"²"` and Arabic-Indic digits.
public struct RunningHubWorkflowID: Hashable, Sendable, CustomStringConvertible {
    /// The id's digits, e.g. `1850925505116598274`.
    public let value: String

    /// The id in `text`; `nil` unless it is one or more ASCII digits.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        value = text
    }

    /// The digits.
    public var description: String { value }
}
