/// Malformed JSON, with the 1-based line and column where reading stopped.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, in a phrase.
    public let message: String
    /// The 1-based line where reading stopped.
    public let line: Int
    /// The 1-based column where reading stopped.
    public let column: Int
    /// Byte offset into the input.
    public let offset: Int

    /// `message at line L, column C`.
    public var description: String { "\(message) at line \(line), column \(column)" }
}
