/// Cancellation of one run, requested from any task, seen by the run's loop as a wake-up.
actor RunControl {
    private(set) var isCancelled = false
    private var wake: (@Sendable () -> Void)?

    func cancel() {
        guard !isCancelled else { return }
        isCancelled = true
        wake?()
    }

    /// Called once the run waits on the server; fires at once if already cancelled.
    func onCancel(_ action: @escaping @Sendable () -> Void) {
        wake = action
        if isCancelled { action() }
    }
}
