import Foundation

/// What tmux says about the terminal outside it, for the choice of picture protocol: the outer terminal's
/// variables (`tmux show-environment`) and whether graphics may pass through (`tmux show -gv allow-passthrough`).
/// Each command is given half a second; one that does not answer counts as saying nothing.
public enum TmuxQuery {
    /// `nil` outside tmux (`TMUX` unset or empty).
    public static func context(environment: [String: String]) -> PictureChoice.Context.Tmux? {
        guard let socket = environment["TMUX"], !socket.isEmpty else { return nil }
        let outer = run(["show-environment"]).map(parseEnvironment) ?? [:]
        let passthrough = run(["show", "-gv", "allow-passthrough"]).map(allowsPassthrough) ?? false
        return PictureChoice.Context.Tmux(outerEnvironment: outer, allowsPassthrough: passthrough)
    }

    /// `NAME=value` lines; `-NAME` (removed from the session) and anything else are skipped.
    public static func parseEnvironment(_ text: String) -> [String: String] {
        var variables: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("-") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            variables[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return variables
    }

    /// `on` and `all` (tmux 3.4) let graphics through; `off`, an error or nothing does not.
    public static func allowsPassthrough(_ text: String) -> Bool {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value == "on" || value == "all"
    }

    /// The command's standard output, or `nil` when it failed or took longer than half a second.
    private static func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(0.5)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        // tmux's answers are a few kilobytes at most: the pipe's buffer holds them until the process has ended.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
