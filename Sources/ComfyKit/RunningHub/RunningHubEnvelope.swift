/// RunningHub's v1 answer: `{"code": 0, "msg": "success", "data": …}`.
/// A non-zero code is a failure or, on `outputs`, a state (804 running, 813 queued, 805 failed).
struct RunningHubEnvelope: Hashable, Sendable {
    let code: Int
    let msg: String
    let data: JSONValue

    init(code: Int, msg: String, data: JSONValue) {
        self.code = code
        self.msg = msg
        self.data = data
    }

    /// `nil` when the JSON is not an envelope (no integer `code`).
    init?(json: JSONValue) {
        guard case .object(let top) = json else { return nil }
        switch top["code"] {
        case .number(let n)? where n.isInteger: code = n.intValue ?? -1
        case .string(let s)?: guard let parsed = Int(s) else { return nil }; code = parsed
        default: return nil
        }
        msg = top["msg"]?.stringValue ?? ""
        data = top["data"] ?? .null
    }
}

/// The documented codes this client acts on.
enum RunningHubCode {
    static let success = 0
    static let queueFull = 421
    static let validationFailed = 433
    static let running = 804
    static let failed = 805
    static let queued = 813
}
