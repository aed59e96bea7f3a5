/// A credential (API key, cookie value) that never prints itself: `description`, `debugDescription`
/// and reflection all show `<redacted>`, so it cannot leak through logs, `print` or `dump`.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself, for the one place that sends it.
    public let value: String

    /// Wraps a credential so that printing it shows `<redacted>`.
    public init(_ value: String) { self.value = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// A mirror with no children, so `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
