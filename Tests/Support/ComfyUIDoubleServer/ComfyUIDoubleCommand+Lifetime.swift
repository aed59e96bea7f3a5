import Foundation

extension ComfyUIDoubleCommand {
    /// Suspends until SIGINT, SIGTERM or `limit` passes, so a benchmark's double stops even if its driver dies.
    static func waitForTerminationSignal(orAfter limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await waitForTerminationSignal() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }
}
