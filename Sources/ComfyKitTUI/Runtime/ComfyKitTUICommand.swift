import ArgumentParser
import CellWidth
import ComfyKit
import ComfyKitPictures
import Foundation
import Glibc
import Logging

/// `comfykit-tui [DIR]`: browse a folder of workflows, fill their forms and watch runs.
struct ComfyKitTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comfykit-tui",
        abstract: "Browse a folder of DSL-annotated ComfyUI workflows, fill their forms and watch them run."
    )

    @Argument(help: "The folder of workflow JSON files; subfolders become groups.", completion: .directory)
    var folder: String = "."

    @Option(name: .customLong("server"), help: ArgumentHelp(
        "A ComfyUI server, e.g. http://127.0.0.1:8188 (default: $COMFYUI_BASE_URL, else that).",
        discussion: "Repeat it (or give COMFYUI_BASE_URL as a comma list) to route each run to the server with the least work; the header shows every server."
    ))
    var servers: [String] = []

    @Option(help: "How to follow runs: ws (live events, the default) or http (polling /history).")
    var executor: String?

    @Option(help: ArgumentHelp(
        "The colour theme: \(ThemeCatalog.standard(environment: ProcessInfo.processInfo.environment).names().joined(separator: ", ")) (default: light on a terminal that says its background is light, else default).",
        discussion: "Your own themes go in $XDG_CONFIG_HOME/comfykit/themes/NAME.yaml and override shipped ones of the same name. NO_COLOR turns colours off.",
        valueName: "name"
    ))
    var theme: String?

    @Option(help: "Where downloaded outputs are saved (default: $COMFYKIT_DOWNLOAD_DIR, else the current folder).",
            completion: .directory)
    var downloadDir: String?

    @Option(help: "The log file (default: $XDG_STATE_HOME/comfykit/comfykit-tui.log). Level: $COMFYKIT_LOG_LEVEL, default info.",
            completion: .file())
    var logFile: String?

    @Flag(name: .customLong("no-history"), help: "Do not record runs in the run history, $XDG_STATE_HOME/comfykit/runs.sqlite (also: COMFYKIT_NO_HISTORY=1).")
    var noHistory = false

    @Option(help: ArgumentHelp(
        "How pictures (live previews, outputs) are drawn: auto, kitty, sixel, iterm, symbols or off (default: $COMFYKIT_IMAGES, else auto).",
        discussion: "auto reads the environment (inside tmux, the outer terminal's) and asks the terminal, within 100 ms; inside tmux graphics need `set -g allow-passthrough on`, else symbols. NO_COLOR: symbols without colour.",
        valueName: "protocol"
    ))
    var images: String?

    @Flag(inversion: .prefixedNo, help: "Clicks select rows, fields, runs and outputs; the wheel moves. With --no-mouse the terminal keeps its own mouse selection.")
    var mouse = true

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw ValidationError("no such folder: \(folder). Give the folder that holds your workflow JSON files.")
        }
        guard isDirectory.boolValue else {
            throw ValidationError("\(folder) is a file, not a folder. Run `comfykit-tui \((folder as NSString).deletingLastPathComponent.isEmpty ? "." : (folder as NSString).deletingLastPathComponent)` to list it with its neighbours.")
        }
        if let executor, ExecutorKind(parsing: executor) == nil {
            throw ValidationError("--executor must be ws or http, not \(executor).")
        }
        do {
            _ = try PictureSetting.resolve(flag: images, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        do {
            _ = try ServerList.references(options: servers)
        } catch {
            throw ValidationError("--server: " + error.description)
        }
        do {
            _ = try ThemeCatalog.standard(environment: ProcessInfo.processInfo.environment).loadWithFallback(theme ?? ThemeCatalog.defaultName)
        } catch {
            throw ValidationError("--theme: \(error)")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var overrides = ComfyKitConfiguration.Overrides(executor: executor.flatMap(ExecutorKind.init(parsing:)))
        do {
            overrides.servers = try ServerList.references(options: servers)
        } catch {
            throw ValidationError(error.description)
        }
        let log: LogFile
        do {
            log = try LogFile(path: logFile ?? LogFile.standardPath(environment: environment))
        } catch {
            throw ValidationError("\(error)")
        }
        let level = Logger.Level.fromEnvironment(environment)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: log, level: level) }
        let logger = Logger(label: "comfykit-tui")
        let kit: ComfyKit
        let configuration: ComfyKitConfiguration
        do {
            configuration = try ComfyKitConfiguration.resolve(overrides, environment: environment)
        } catch {
            throw ValidationError("\(error)")
        }
        // One server, or several (`--server` repeated, a comma list, servers.toml's default) with each run routed.
        kit = ComfyKit(configuration: configuration, logger: Logger(label: "comfykit"))
        // The header probes each other server with a kit of its own, with that server's own credentials.
        let peerProbes = configuration.servers.dropFirst().map { entry in
            ComfyKit(configuration: configuration.only(entry), logger: Logger(label: "comfykit"))
        }
        let downloads = downloadDir ?? environment["COMFYKIT_DOWNLOAD_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        logger.info("comfykit-tui started", metadata: ["folder": "\(folder)", "server": "\(DisplayedURL.text(kit.configuration.comfyUIBaseURL))",
                                                      "downloads": "\(downloads)"])
        var state = AppState(folder: folder, serverURL: DisplayedURL.text(kit.configuration.comfyUIBaseURL))
        // RunningHub among them when asked for (`--server runninghub`): the header shows it with its tasks.
        let lines = kit.serverNames + (kit.routesToRunningHub ? [ServerReference.runningHubName] : [])
        if lines.count > 1 { state.servers = lines.map { ServerLine(name: $0) } }
        state.rememberedForms = FormMemory(directory: FormMemory.standardDirectory(environment: environment)).load()
        let history = RunHistoryOpening.open(noHistory: noHistory, environment: environment)
        state.recording = history.recording
        if let notice = history.notice {
            state.status = notice
            logger.warning("\(notice)")
        }
        let runtime = Runtime(state: state, kit: kit, downloadFolder: URL(fileURLWithPath: downloads), history: history.history,
                              logger: logger, peerProbes: peerProbes)
        let (pictures, cellSize, background) = probeTerminal(environment: environment, logger: logger)
        let themeName = TerminalBackground.themeName(chosen: theme, background: background)
        if theme == nil { logger.info("theme", metadata: ["name": "\(themeName)", "background": "\(background.map { $0.isLight ? "light" : "dark" } ?? "not told")"]) }
        let themes = try ThemeCatalog.standard(environment: environment).loadWithFallback(themeName)
        runtime.showPictures(pictures, cellSize: cellSize)
        let terminal = NCursesTerminal(environment: environment, theme: themes.theme, fallback: themes.fallback, mouse: mouse, pictures: pictures)
        // What the app has to say after the screen is gone (runs left running, cancels not confirmed) goes to
        // the terminal's own stderr, kept before it is sent to the log.
        let terminalError = dup(STDERR_FILENO)
        // From here stderr would draw over the screen: it goes to the log too.
        log.captureStandardError()
        let signal = runtime.run(on: terminal)
        terminal.end()
        for line in runtime.farewell {
            logger.info("\(line)")
            if terminalError >= 0 { _ = (line + "\n").withCString { Glibc.write(terminalError, $0, strlen($0)) } }
        }
        logger.info("comfykit-tui quit", metadata: signal.map { ["signal": "\($0)"] } ?? [:])
        if let signal { Foundation.exit(128 + signal) }
    }

    /// Before curses takes the input: the terminal's answers (its background, emoji widths; with `auto`, the picture
    /// queries) and, inside tmux, what tmux says of the outer terminal, turned into the choice of picture protocol,
    /// logged, and the background for the theme.
    private func probeTerminal(environment: [String: String], logger: Logger) -> (PictureChoice, CellSize, TerminalBackground?) {
        let setting = (try? PictureSetting.resolve(flag: images, environment: environment)) ?? .auto
        let answers = ClusterProbe.run(askingPictures: setting == .auto)
        if let widths = answers.clusterWidths { CellWidth.use(widths) }
        let context = PictureChoice.Context(environment: environment, tmux: TmuxQuery.context(environment: environment))
        let choice = PictureChoice.choose(setting, context: context, answers: answers.terminal)
        let cellSize = answers.terminal.cellSize ?? Self.windowCellSize() ?? .fallback
        logger.info("pictures", metadata: ["protocol": "\(choice.picture.rawValue)", "reason": "\(choice.reason)",
                                           "cell": "\(cellSize.width)x\(cellSize.height)"])
        return (choice, cellSize, answers.background)
    }

    /// The cell size from the tty's window size in pixels (`TIOCGWINSZ`), for terminals that fill it in but do not
    /// answer `CSI 16 t`.
    private static func windowCellSize() -> CellSize? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0, size.ws_xpixel > 0, size.ws_ypixel > 0 else {
            return nil
        }
        return CellSize(width: Int(size.ws_xpixel / size.ws_col), height: Int(size.ws_ypixel / size.ws_row))
    }
}
