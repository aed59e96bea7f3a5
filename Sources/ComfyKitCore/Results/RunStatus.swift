/// How a run ended.
public enum RunStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// The run finished and its outputs were read.
    case completed
    /// The run failed; ``ExecuteResult/msg`` says why.
    case error
    /// A configured timeout ran out (there is none by default).
    case timeout
    /// The run was cancelled, here or on the server (`execution_interrupted`).
    case interrupted
}
