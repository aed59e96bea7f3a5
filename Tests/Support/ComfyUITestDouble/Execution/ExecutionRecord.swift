/// What one execution produced, for the history entry.
struct ExecutionRecord {
    var succeeded: Bool
    var messages: [JSONValue]
    /// `outputs`: UI per node, in execution order.
    var outputs: JSONObject
}
