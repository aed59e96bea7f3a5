import Foundation
#if ServersFile
import TOMLKit
#endif

/// Named ComfyUI servers, from `$XDG_CONFIG_HOME/comfykit/servers.toml` (else `~/.config/comfykit/servers.toml`):
///
/// ```toml
/// default = ["box1", "box2"]          # the servers used when none is given
///
/// [servers.box1]
/// url = "http://box1:8188"
/// api_key_env = "BOX1_COMFY_KEY"      # or api_key = "…": sent to box1's origin only
/// cookies = "session=abc"             # "a=1; b=2", an inline table {session = "abc"}, or a URL serving them
///
/// [servers.box2]
/// url = "http://box2:8188"
/// ```
/// A server without credentials of its own gets `COMFYUI_API_KEY` and `COMFYUI_COOKIES`, as a `--server` URL does.
/// A file that cannot be used is an error naming its line and key; a missing file names no server.
public struct ServersFile: Hashable, Sendable {
    /// The named servers, by name.
    public var servers: [String: ServerEntry]
    /// The names `default` lists: the servers runs go to when neither code, `--server` nor `COMFYUI_BASE_URL` names one.
    public var defaultNames: [String]

    /// A file of these servers.
    public init(servers: [String: ServerEntry] = [:], defaultNames: [String] = []) {
        self.servers = servers
        self.defaultNames = defaultNames
    }

    /// The keys a server's table may hold.
    static let serverKeys = ["url", "api_key", "api_key_env", "cookies"]

    /// Where the file is looked for: `$XDG_CONFIG_HOME/comfykit/servers.toml`, else `$HOME/.config/comfykit/servers.toml`.
    public static func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let env = EnvironmentReader(environment)
        if let xdg = env.value("XDG_CONFIG_HOME") { return URL(fileURLWithPath: xdg).appendingPathComponent("comfykit/servers.toml") }
        if let home = env.value("HOME") { return URL(fileURLWithPath: home).appendingPathComponent(".config/comfykit/servers.toml") }
        return nil
    }

    /// Reads the file at `url`; an empty file when there is none. `environment` answers `api_key_env`.
    public static func load(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> ServersFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return ServersFile() }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .serversFile(path: url.path, line: nil, problem: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try ServersFile(parsing: text, path: url.path, environment: environment)
    }

    /// Reads a file's text; `path` names it in errors.
    public init(parsing text: String, path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) {
        #if ServersFile
        let document: ServersDocument
        do {
            document = try ServersDocument(TOMLTable(string: text), lines: ServersFileLines(text: text, path: path))
        } catch let error as TOMLParseError {
            throw .serversFile(path: path, line: error.source.begin.line, problem: "not valid TOML: \(error.description)")
        } catch let error as ConfigError {
            throw error
        } catch {
            throw .serversFile(path: path, line: nil, problem: "\(error)")
        }
        self = try document.file(environment: EnvironmentReader(environment))
        #else
        throw .serversFile(path: path, line: nil, problem: "this build of ComfyKit reads no servers file (its ServersFile trait is off)")
        #endif
    }
}

/// Finds the line of a key in the file's text, for errors (TOMLKit keeps no positions of values).
struct ServersFileLines: Sendable {
    let lines: [Substring]
    let path: String

    init(text: String, path: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.path = path
    }

    /// The 1-based line of `key` under `[servers.server]` (or at the top when `server` is nil); the table's header
    /// line when the key is not written there.
    func line(of key: String?, server: String?) -> Int? {
        var inside = server == nil
        var header: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).replacingOccurrences(of: "\"", with: "")
                inside = server.map { name == "servers.\($0)" } ?? false
                if inside { header = index + 1 }
                continue
            }
            guard inside, let key else { continue }
            if line.hasPrefix(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return index + 1 }
        }
        return header
    }

    func error(_ problem: String, key: String?, server: String?) -> ConfigError {
        .serversFile(path: path, line: line(of: key, server: server), problem: problem)
    }
}
