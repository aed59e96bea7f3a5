/// Malformed JSON, with the 1-based line and column where reading stopped.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    /// Byte offset into the input.
    public let offset: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}
