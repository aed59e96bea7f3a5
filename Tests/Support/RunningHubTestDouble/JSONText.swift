import Foundation

/// JSON in and out without the SDK: the double must not share code with what it tests.
enum JSONText {
    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The top-level object of a request body, or `nil`.
    static func object(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// A member re-serialised as JSON text (`"null"` when absent).
    static func member(_ object: [String: Any], _ key: String) -> String {
        guard let value = object[key] else { return "null" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The envelope `{"code": …, "msg": …, "data": …}` with `data` already JSON.
    static func envelope(code: Int, msg: String, data: String = "null") -> String {
        #"{"code":\#(code),"msg":\#(quoted(msg)),"data":\#(data)}"#
    }
}
