/// Why a picture cannot be drawn: the reason a placeholder shows in its place.
public struct PictureFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for tests and for choosing a placeholder.
    public enum Kind: Sendable, Equatable {
        /// No bytes at all.
        case empty
        /// Not a picture format that is drawn (HTML, JSON, text, or bytes no decoder recognises).
        case unknownFormat
        /// A known format whose bytes are damaged or cut short.
        case corrupt
        /// More pixels than a picture is allowed to have; refused before its pixels were decoded.
        case tooLarge
    }

    public let kind: Kind
    /// The reason, in words a user reads in the placeholder: "truncated PNG: …", "an HTML page, not a picture".
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        (self.kind, self.reason) = (kind, reason)
    }

    public var description: String { reason }
}
