import Foundation

/// ComfyUI's `origin_only_middleware`: with both `Host` and `Origin` on a loopback host, a mismatch gets
/// 403 with an empty body. Ports are compared only when both sides carry one (so `Origin: ws://127.0.0.1`,
/// as WebSocket clients send it, passes for `Host: 127.0.0.1:8188`).
enum OriginCheck {
    static func rejects(host: String?, origin: String?) -> Bool {
        guard let host, let origin else { return false }
        let hostParts = split(host.lowercased())
        let components = URLComponents(string: origin)
        let originHostName = components?.host?.lowercased()
        let originPort = components?.port
        let originNetloc = originHostName.map { name in
            let bracketed = name.contains(":") ? "[\(name)]" : name
            return originPort.map { "\(bracketed):\($0)" } ?? bracketed
        } ?? ""
        var hostDomain: String? = host.lowercased()
        var originDomain: String? = originNetloc
        if originPort == nil { hostDomain = hostParts.name }
        if hostParts.port == nil { originDomain = originHostName }
        guard isLoopback(hostParts.name), let hostDomain, let originDomain, !hostDomain.isEmpty, !originDomain.isEmpty else { return false }
        return hostDomain != originDomain
    }

    /// `urlsplit('//' + host)`: `127.0.0.1:8188` → (`127.0.0.1`, 8188), `[::1]:80` → (`::1`, 80).
    private static func split(_ host: String) -> (name: String, port: Int?) {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            let name = String(host[host.index(after: host.startIndex)..<end])
            let rest = host[host.index(after: end)...]
            return (name, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let parts = host.split(separator: ":", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? Int(parts[1]) : nil)
    }

    private static func isLoopback(_ name: String) -> Bool {
        name == "localhost" || name.hasPrefix("127.") || name == "::1"
    }
}
