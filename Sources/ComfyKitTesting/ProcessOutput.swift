import Foundation

/// What a finished child process left: its exit status and everything it wrote.
public struct ProcessOutput: Sendable {
    /// The exit status (the wait status for ``Subprocess/spawnWithCleanSignals(_:)``).
    public let status: Int32
    /// Everything written to stdout, as bytes.
    public let standardOutput: Data
    /// Everything written to stderr, as bytes.
    public let standardError: Data

    /// Creates an output from what was read.
    public init(status: Int32, standardOutput: Data, standardError: Data) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// stdout as UTF-8 text.
    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    /// stderr as UTF-8 text.
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
}
