/// A harness step that did not happen: a server that did not start, a screen that never appeared.
public struct HarnessFailure: Error, CustomStringConvertible {
    /// What was expected, and what was seen instead.
    public let description: String

    /// A failure that says `description`.
    public init(_ description: String) { self.description = description }
}
