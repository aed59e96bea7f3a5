/// How a run ended.
public enum RunStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case completed
    case error
    /// A configured timeout ran out (there is none by default).
    case timeout
    /// The run was cancelled, here or on the server (`execution_interrupted`).
    case interrupted
}
