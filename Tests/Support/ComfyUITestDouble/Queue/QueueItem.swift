/// One queued prompt: `(number, prompt_id, prompt, extra_data, outputs_to_execute)` in ComfyUI's queue.
struct QueueItem: Sendable {
    /// `number`: an int from the server counter, a float when the client sent it.
    var number: JSONValue
    var promptID: String
    var prompt: JSONObject
    var extraData: JSONObject
    var outputs: [String]

    var clientID: String? { extraData["client_id"]?.stringValue }

    /// The five-element array `/queue` and history show.
    var json: JSONValue {
        .array([number, .string(promptID), .object(prompt), .object(extraData), .array(outputs.map { .string($0) })])
    }

    /// Python compares queue tuples: by number, then by prompt id.
    static func < (lhs: QueueItem, rhs: QueueItem) -> Bool {
        let left = lhs.number.numericValue ?? 0, right = rhs.number.numericValue ?? 0
        return left != right ? left < right : lhs.promptID < rhs.promptID
    }
}
