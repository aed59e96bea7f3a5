/// A file received by `POST /upload/image` or `/upload/mask`.
public struct RecordedUpload: Sendable, Equatable {
    /// The filename the client sent in the multipart part.
    public var sentFilename: String
    /// The name the double answered with (`x (1).png` after a rename).
    public var storedName: String
    /// The `subfolder` form field as sent.
    public var subfolder: String
    /// `input`, `temp` or `output`.
    public var type: String
    /// The part's `Content-Type`, if it had one.
    public var contentType: String?
    /// The file content received.
    public var bytes: [UInt8]
    /// The form's `overwrite` field, if sent.
    public var overwrite: String?
}
