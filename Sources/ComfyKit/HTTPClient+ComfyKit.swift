import AsyncHTTPClient
import NIOCore
import NIOPosix

extension HTTPClient {
    /// The client ComfyKit uses unless given another: a refused connection fails at once and a silent
    /// host after 10 s, instead of being retried until the request's deadline (AHC's default), so a
    /// wrong address is reported in a moment. Runs retry transient failures themselves.
    public static var comfyKit: HTTPClient { comfyKitClient }
}

private let comfyKitClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.timeout.connect = .seconds(10)
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.decompression = .disabled
    return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
}()
