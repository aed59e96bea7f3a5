/// Why execution stopped early.
enum ExecutionStop: Error {
    case interrupted
    case failed(NodeFailure)
}
