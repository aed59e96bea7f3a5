import Foundation

/// XDG base directories: the variable when set and non-empty, else its default under `$HOME`.
enum XDGDirectory {
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    static func config(environment: [String: String]) -> URL {
        resolve("XDG_CONFIG_HOME", default: ".config", environment: environment)
    }

    /// `$XDG_STATE_HOME`, else `~/.local/state`.
    static func state(environment: [String: String]) -> URL {
        resolve("XDG_STATE_HOME", default: ".local/state", environment: environment)
    }

    private static func resolve(_ variable: String, default relative: String, environment: [String: String]) -> URL {
        if let value = environment[variable], !value.isEmpty { return URL(fileURLWithPath: value, isDirectory: true) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(relative, isDirectory: true)
    }
}
