#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AsyncHTTPClient
import NIOCore
import NIOPosix

/// Why a request got no answer, in words (`connection refused`, `timed out`, `cannot resolve the host
/// name`, `the TLS handshake failed`), never NIO's own text with its errno and parentheses.
enum ConnectionFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "no answer in time"
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .invalidURL, .emptyHost: return "not a usable URL"
            case .tlsHandshakeTimeout: return "the TLS handshake timed out"
            default: return "\(error)"
            }
        case let error as IOError:
            return describe(errno: error.errnoCode)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return describe(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve the host name" }
            return "cannot connect"
        case let error as ChannelError:
            if case .connectTimeout = error { return "connection timed out" }
            if case .ioOnClosedChannel = error { return "the server closed the connection" }
            return "\(error)"
        case is SocketAddressError:
            return "cannot resolve the host name"
        default:
            // NIOSSL's errors, without importing NIOSSL for their names.
            if String(reflecting: type(of: error)).contains("NIOSSL") || String(reflecting: type(of: error)).contains("BoringSSL") {
                return "the TLS handshake failed"
            }
            return "\(error)"
        }
    }

    /// Connection errors: nothing was written, so the server cannot have acted on the request.
    static func failedBeforeSending(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .invalidURL || error == .emptyHost { return true }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED || error.errnoCode == ENETUNREACH || error.errnoCode == EHOSTUNREACH { return true }
        return false
    }

    static func describe(errno code: CInt) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ECONNRESET: "the connection was reset"
        case ETIMEDOUT: "connection timed out"
        case EHOSTUNREACH: "the host is unreachable"
        case ENETUNREACH: "the network is unreachable"
        case EPIPE: "the server closed the connection"
        default: String(cString: strerror(code))
        }
    }
}
