#if ServersFile
import Foundation
import TOMLKit

/// A parsed `servers.toml`, read into plain values at once (TOMLKit's tables are not `Sendable`).
struct ServersDocument {
    struct Server {
        let name: String
        let url: String?
        let apiKey: String?
        let apiKeyVariable: String?
        let cookies: Cookies?
        let unknownKeys: [String]
    }

    enum Cookies {
        case text(String)
        case pairs([(String, String)])
    }

    let servers: [Server]
    let defaultNames: [String]?
    let lines: ServersFileLines

    init(_ table: TOMLTable, lines: ServersFileLines) throws(ConfigError) {
        self.lines = lines
        for key in table.keys where key != "servers" && key != "default" {
            throw lines.error("unknown key \(key) (expected default = [\"name\", …] and [servers.NAME] tables)", key: key, server: nil)
        }
        if let value = table["default"] {
            guard let array = value.array else { throw lines.error("default must be a list of server names, such as [\"box1\"]", key: "default", server: nil) }
            var names: [String] = []
            for element in array {
                guard let name = element.string else {
                    throw lines.error("default must be a list of server names, such as [\"box1\"]", key: "default", server: nil)
                }
                names.append(name)
            }
            defaultNames = names
        } else {
            defaultNames = nil
        }
        var servers: [Server] = []
        if let value = table["servers"] {
            guard let tables = value.table else { throw lines.error("servers must hold [servers.NAME] tables", key: "servers", server: nil) }
            for name in tables.keys.sorted() {
                guard let server = tables[name]?.table else {
                    throw lines.error("servers.\(name) must be a table ([servers.\(name)] with url = \"http://…\")", key: name, server: nil)
                }
                servers.append(try Self.server(name, server, lines: lines))
            }
        }
        self.servers = servers
    }

    private static func server(_ name: String, _ table: TOMLTable, lines: ServersFileLines) throws(ConfigError) -> Server {
        func text(_ key: String) throws(ConfigError) -> String? {
            guard let value = table[key] else { return nil }
            guard let string = value.string else { throw lines.error("servers.\(name).\(key) must be a string", key: key, server: name) }
            return string
        }
        var cookies: Cookies?
        if let value = table["cookies"] {
            if let string = value.string {
                cookies = .text(string)
            } else if let inline = value.table {
                var pairs: [(String, String)] = []
                for key in inline.keys {
                    guard let scalar = inline[key], let text = scalar.string ?? scalar.int.map(String.init) else {
                        throw lines.error("servers.\(name).cookies.\(key) must be a string", key: "cookies", server: name)
                    }
                    pairs.append((key, text))
                }
                cookies = .pairs(pairs)
            } else {
                throw lines.error("servers.\(name).cookies must be a string (\"a=1; b=2\" or a URL) or a table", key: "cookies", server: name)
            }
        }
        return Server(
            name: name, url: try text("url"), apiKey: try text("api_key"), apiKeyVariable: try text("api_key_env"), cookies: cookies,
            unknownKeys: table.keys.filter { !ServersFile.serverKeys.contains($0) })
    }

    /// The file's servers, each checked: a URL, at most one of `api_key` and `api_key_env`, known keys only.
    func file(environment: EnvironmentReader) throws(ConfigError) -> ServersFile {
        var entries: [String: ServerEntry] = [:]
        for server in servers {
            let name = server.name
            if let unknown = server.unknownKeys.first {
                throw lines.error(
                    "unknown key servers.\(name).\(unknown) (expected \(ServersFile.serverKeys.joined(separator: ", ")))", key: unknown, server: name)
            }
            guard name.lowercased() != ServerReference.runningHubName else {
                throw lines.error("servers.\(name): \(name) names RunningHub (--server runninghub); give this server another name", key: nil, server: name)
            }
            guard ServerReference.isName(name) else {
                throw lines.error("servers.\(name): a server's name is letters, digits, - and _, starting with a letter", key: nil, server: name)
            }
            guard let text = server.url else { throw lines.error("servers.\(name) has no url (url = \"http://host:8188\")", key: nil, server: name) }
            let url: URL
            do {
                url = try ComfyKitConfiguration.baseURL(text, variable: "servers.\(name).url")
            } catch {
                throw lines.error(error.description, key: "url", server: name)
            }
            if server.apiKey != nil, server.apiKeyVariable != nil {
                throw lines.error("servers.\(name) has both api_key and api_key_env: keep one", key: "api_key_env", server: name)
            }
            var apiKey = server.apiKey.map(Secret.init)
            if let variable = server.apiKeyVariable {
                guard let value = environment.value(variable) else {
                    throw lines.error("servers.\(name).api_key_env names \(variable), which is not set", key: "api_key_env", server: name)
                }
                apiKey = Secret(value)
            }
            var cookies: CookieSource?
            switch server.cookies {
            case .text(let text)?:
                do {
                    cookies = try CookieSource(parsing: text)
                } catch {
                    throw lines.error("servers.\(name).cookies is not valid: expected \"a=1; b=2\", a JSON object or a URL", key: "cookies", server: name)
                }
            case .pairs(let pairs)?: cookies = .pairs(pairs.map { CookiePair(name: $0.0, value: Secret($0.1)) })
            case nil: break
            }
            entries[name] = ServerEntry(name: name, baseURL: url, apiKey: apiKey, cookies: cookies)
        }
        for name in defaultNames ?? [] where entries[name] == nil {
            throw lines.error("default names \(name), which has no [servers.\(name)] table", key: "default", server: nil)
        }
        return ServersFile(servers: entries, defaultNames: defaultNames ?? [])
    }
}
#endif
