/// A rescan asked for by the folder watcher: it waits for a burst of changes (an editor's save, a copy of
/// many files) to settle, and never overlaps a scan in flight.
struct AutoRescan: Hashable, Sendable {
    /// How long after the first change of a burst the folder is read again, in seconds.
    static let settleDelay = 0.3

    /// When the rescan is due, on the app's clock; `nil` when nothing changed.
    var dueAt: Double?
    /// True while a scan it started is in flight, so the result says why the list changed.
    var isScanning = false
}
