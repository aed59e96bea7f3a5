/// Makes `POST /upload/image` fail.
public struct UploadFault: Sendable, Equatable {
    /// The HTTP status to answer.
    public var status: Int
    /// How many uploads fail before they work again; nil for all of them.
    public var count: Int?
    /// The response body (text).
    public var body: String

    public init(status: Int = 500, count: Int? = nil, body: String = "") {
        self.status = status
        self.count = count
        self.body = body
    }
}
