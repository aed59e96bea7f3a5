/// A RunningHub workflow id: one or more ASCII digits.
///
/// ASCII only: the Python ComfyKit used `str.isdigit`, which also accepts `"²"` and Arabic-Indic digits.
public struct RunningHubWorkflowID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        value = text
    }

    public var description: String { value }
}
