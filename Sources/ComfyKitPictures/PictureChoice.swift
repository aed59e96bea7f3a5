/// Which picture protocol a terminal gets, decided from what can be known before curses starts: the environment
/// (inside tmux, the outer terminal's, from `tmux show-environment`), then the terminal's answers to queries that
/// always end (the kitty graphics probe, and DA1, whose `4` means sixel). Pure: the probing is done elsewhere.
public struct PictureChoice: Hashable, Sendable {
    public let picture: PictureProtocol
    /// Inside tmux with `allow-passthrough` on: graphics are wrapped for tmux to hand to the outer terminal.
    public let passthrough: Bool
    /// `NO_COLOR`: symbols without colour.
    public let monochrome: Bool
    /// Why, for the log and `--images` help: "kitty (KITTY_WINDOW_ID)", "symbols (tmux without allow-passthrough)".
    public let reason: String

    /// A choice made elsewhere (a test, or a caller that knows its terminal).
    public init(picture: PictureProtocol, passthrough: Bool, monochrome: Bool, reason: String) {
        (self.picture, self.passthrough, self.monochrome, self.reason) = (picture, passthrough, monochrome, reason)
    }

    /// Where the app runs: its own environment and, inside tmux, the outer terminal's and whether tmux passes through.
    public struct Context: Hashable, Sendable {
        public var environment: [String: String]
        /// `nil` outside tmux.
        public var tmux: Tmux?

        public struct Tmux: Hashable, Sendable {
            /// The client terminal's variables, as `tmux show-environment` has them.
            public var outerEnvironment: [String: String]
            public var allowsPassthrough: Bool

            public init(outerEnvironment: [String: String], allowsPassthrough: Bool) {
                (self.outerEnvironment, self.allowsPassthrough) = (outerEnvironment, allowsPassthrough)
            }
        }

        public init(environment: [String: String], tmux: Tmux?) {
            (self.environment, self.tmux) = (environment, tmux)
        }

        public var isInsideTmux: Bool { tmux != nil }
    }

    /// Decides from the setting, the context and the answers.
    public static func choose(_ setting: PictureSetting, context: Context, answers: TerminalAnswers) -> PictureChoice {
        let monochrome = context.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let wanted: PictureProtocol
        var reason: String
        switch setting {
        case .fixed(let fixed):
            (wanted, reason) = (fixed, "asked for")
        case .auto where monochrome:
            return PictureChoice(picture: .symbols, passthrough: false, monochrome: true, reason: "symbols (NO_COLOR)")
        case .auto:
            (wanted, reason) = detect(context: context, answers: answers)
        }
        guard wanted.isGraphics, let tmux = context.tmux else {
            return PictureChoice(picture: wanted, passthrough: false, monochrome: monochrome, reason: "\(wanted.rawValue) (\(reason))")
        }
        guard tmux.allowsPassthrough else {
            reason = "tmux without allow-passthrough; \(wanted.rawValue) would need it"
            return PictureChoice(picture: .symbols, passthrough: false, monochrome: monochrome, reason: "symbols (\(reason))")
        }
        return PictureChoice(picture: wanted, passthrough: true, monochrome: monochrome, reason: "\(wanted.rawValue) (\(reason), through tmux)")
    }

    /// The environment first (the outer terminal's inside tmux), then the answers; symbols when nothing says more.
    private static func detect(context: Context, answers: TerminalAnswers) -> (PictureProtocol, String) {
        let env = context.tmux?.outerEnvironment ?? context.environment
        let term = env["TERM"] ?? ""
        let program = env["TERM_PROGRAM"] ?? ""
        if env["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" { return (.kitty, "KITTY_WINDOW_ID") }
        if program == "ghostty" || term == "xterm-ghostty" { return (.kitty, "Ghostty") }
        if program == "WezTerm" || env["WEZTERM_EXECUTABLE"] != nil || env["WEZTERM_PANE"] != nil { return (.iterm, "WezTerm") }
        if program == "iTerm.app" || env["ITERM_SESSION_ID"] != nil { return (.iterm, "iTerm2") }
        if term == "foot" || term.hasPrefix("foot-") { return (.sixel, "foot") }
        if term == "mlterm" { return (.sixel, "mlterm") }
        // Queries reach tmux, not the outer terminal: inside tmux only the environment can tell.
        if !context.isInsideTmux {
            if answers.kittyGraphics { return (.kitty, "the terminal answered the kitty graphics probe") }
            if answers.sixel { return (.sixel, "the terminal's DA1 lists sixel") }
        }
        return (.symbols, answers.answered ? "no graphics protocol in the terminal's answers" : "the terminal answered nothing")
    }
}
