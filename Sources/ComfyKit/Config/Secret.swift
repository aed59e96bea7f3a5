/// A credential (API key, cookie value) that never prints itself: `description`, `debugDescription`
/// and reflection all show `<redacted>`, so it cannot leak through logs, `print` or `dump`.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself, for the one place that sends it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
