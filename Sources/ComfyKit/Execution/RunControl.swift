/// Cancellation of one run, requested from any task, seen by the run's loop as a wake-up.
package actor RunControl {
    package private(set) var isCancelled = false
    private var wake: (@Sendable () -> Void)?

    package init() {}

    package func cancel() {
        guard !isCancelled else { return }
        isCancelled = true
        wake?()
    }

    /// Called once the run waits on the server; fires at once if already cancelled.
    package func onCancel(_ action: @escaping @Sendable () -> Void) {
        wake = action
        if isCancelled { action() }
    }
}
