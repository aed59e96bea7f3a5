import Foundation
import Logging
import WSClient

/// Reads `netWssUrl`'s ComfyUI-style frames as a progress hint. Polling stays the truth:
/// the socket may fail, close or say nothing, and the run goes on.
enum RunningHubProgressSocket {
    /// The URL's query holds a credential (`Rh-Comfy-Auth`), so the socket library gets a logger that
    /// writes nothing: it would otherwise log the URL.
    private static let quiet = Logger(label: "comfykit.runninghub.progress", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects in the background; `onMessage` gets each decoded text frame, `onEnd` is called once it closes or fails.
    static func open(_ url: URL, onMessage: @escaping @Sendable (ServerMessage) -> Void, onEnd: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task {
            let configuration = WebSocketClientConfiguration(maxFrameSize: SocketLimits.maxFrameSize)
            _ = try? await WebSocketClient.connect(url: url.absoluteString, configuration: configuration, logger: quiet) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: SocketLimits.maxFrameSize) {
                    if case .text(let text) = message, let decoded = ServerMessage(text: text) { onMessage(decoded) }
                }
            }
            onEnd()
        }
    }
}
