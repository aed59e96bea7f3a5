/// Which recorded runs to list, newest first.
public struct RunFilter: Hashable, Sendable {
    /// Only runs in this state.
    public var status: RunRecordStatus?
    /// Only workflows whose name contains this text (any case).
    public var workflow: String?
    /// Only runs whose workflow name, status or param values contain this text (any case): the TUI's filter as you type.
    public var text: String?
    /// At most this many; `nil` for all.
    public var limit: Int?

    public init(status: RunRecordStatus? = nil, workflow: String? = nil, text: String? = nil, limit: Int? = 50) {
        self.status = status
        self.workflow = workflow
        self.text = text
        self.limit = limit
    }
}
