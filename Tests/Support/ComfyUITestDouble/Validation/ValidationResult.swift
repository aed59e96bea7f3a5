/// The outcome of `validate_prompt`: what `POST /prompt` answers and what gets queued.
struct ValidationResult: Sendable {
    /// The top-level `error` object when the prompt is refused (400); nil when it is queued.
    var error: JSONValue?
    /// `node_errors`, keyed by node id (also present on a 200 when some outputs were dropped).
    var nodeErrors: JSONObject
    /// Output node ids that will execute.
    var outputs: [String]
    /// The prompt with widget values converted like ComfyUI converts them (`"64"` → `64` for an INT).
    var prompt: JSONObject

    static func refused(_ type: String, _ message: String, details: String = "", prompt: JSONObject) -> ValidationResult {
        ValidationResult(error: errorObject(type, message, details: details), nodeErrors: [:], outputs: [], prompt: prompt)
    }

    static func errorObject(_ type: String, _ message: String, details: String, extraInfo: JSONObject = [:]) -> JSONValue {
        ["type": .string(type), "message": .string(message), "details": .string(details), "extra_info": .object(extraInfo)]
    }
}
