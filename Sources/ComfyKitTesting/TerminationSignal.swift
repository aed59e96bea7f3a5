import Foundation

/// How the double executables (`comfyui-double`, `runninghub-double`) stay up: until SIGINT or SIGTERM arrives.
///
/// ```swift
/// let double = try await RunningHubDouble.start(configuration)
/// print(double.baseURL)
/// await TerminationSignal.wait()
/// await double.shutdown()
/// ```
public enum TerminationSignal {
    /// Suspends until SIGINT or SIGTERM arrives.
    public static func wait() async {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        sources.forEach { $0.cancel() }
    }

    /// Suspends until SIGINT, SIGTERM or `limit` passes, so a benchmark's double stops even if its driver dies.
    public static func wait(orAfter limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await wait() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }
}
