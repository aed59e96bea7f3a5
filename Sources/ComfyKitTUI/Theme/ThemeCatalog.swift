import Foundation

/// The themes a user can pick with `--theme`: their own in `$XDG_CONFIG_HOME/comfykit/themes`,
/// then the ones shipped with the app, which a user theme of the same name overrides.
struct ThemeCatalog: Sendable {
    /// The theme used without `--theme`.
    static let defaultName = "default"
    /// The theme used without `--theme` when the terminal says its background is light.
    static let lightName = "light"
    /// The theme a 256-colour theme falls back to when it names none.
    static let sixteenColorName = "16-color"

    /// Folders of `NAME.yaml` files, searched in order.
    let directories: [URL]

    /// The user's theme folder, then the shipped themes bundled with the executable.
    static func standard(environment: [String: String]) -> ThemeCatalog {
        ThemeCatalog(directories: [userDirectory(environment: environment)] + shippedDirectories())
    }

    /// The themes in the resource bundle beside the executable (as SwiftPM lays it out in `.build/release`).
    ///
    /// Looked up by hand rather than with `Bundle.module`, which stops the program when the bundle is missing.
    static func shippedDirectories() -> [URL] {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [Bundle.main.executableURL?.resolvingSymlinksInPath(), executable]
            .compactMap { $0?.deletingLastPathComponent().appendingPathComponent("ComfyKit_ComfyKitTUI.resources/Shipped") }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }.map { [$0] } ?? []
    }

    /// `$XDG_CONFIG_HOME/comfykit/themes`, with `~/.config` when the variable is unset or empty.
    static func userDirectory(environment: [String: String]) -> URL {
        XDGDirectory.config(environment: environment).appendingPathComponent("comfykit/themes", isDirectory: true)
    }

    /// Every theme name found, sorted.
    func names() -> [String] {
        var names = Set<String>()
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix(".yaml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The theme file for `name`: the first folder that has one wins.
    func file(named name: String) -> URL? {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return directories
            .map { $0.appendingPathComponent("\(name).yaml") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Reads and checks the theme called `name`.
    func load(_ name: String) throws(ThemeError) -> Theme {
        guard let url = file(named: name) else {
            throw ThemeError(file: name, line: nil, problem: .notFound(name: name, available: names()))
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(file: url.path, line: nil, problem: .notYAML("cannot read it: \(error.localizedDescription)"))
        }
        return try ThemeParser(name: name, file: url.path).parse(text)
    }

    /// The theme and, for a 256-colour one, the 16-colour theme to use on smaller terminals.
    func loadWithFallback(_ name: String) throws(ThemeError) -> (theme: Theme, fallback: Theme?) {
        let theme = try load(name)
        guard theme.colors > 16 else { return (theme, nil) }
        return (theme, try load(theme.fallback ?? Self.sixteenColorName))
    }
}
