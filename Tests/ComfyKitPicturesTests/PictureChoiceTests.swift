import Testing
import ComfyKitPictures

/// Issue 12, "choosing the protocol", pure: the environment first (the outer terminal's inside tmux), then the
/// terminal's answers; tmux passes graphics through only with allow-passthrough; symbols when nothing says more.
@Suite struct PictureChoiceTests {
    typealias Context = PictureChoice.Context
    static let none = TerminalAnswers()
    /// xterm -ti vt340's DA1: VT340 with sixel (4).
    static let vt340 = TerminalAnswers(parsing: Array("\u{1B}[?63;1;2;4;6;9;15;16;22;28;29c".utf8))
    /// kitty: the graphics probe's OK, its cell size, and a DA1 without sixel.
    static let kitty = TerminalAnswers(parsing: Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;20;10t\u{1B}[?62;c".utf8))
    static let plainXterm = TerminalAnswers(parsing: Array("\u{1B}[?64;1;2;6;9;15;16;17;18;21;22;28c".utf8))

    private func choose(_ env: [String: String], tmux: Context.Tmux? = nil, answers: TerminalAnswers = none,
                        setting: PictureSetting = .auto) -> PictureChoice {
        PictureChoice.choose(setting, context: Context(environment: env, tmux: tmux), answers: answers)
    }

    @Test func theAnswersAreRead() {
        #expect(Self.kitty.kittyGraphics && Self.kitty.answered && !Self.kitty.sixel)
        #expect(Self.kitty.cellSize?.width == 10 && Self.kitty.cellSize?.height == 20)
        #expect(Self.vt340.sixel && !Self.vt340.kittyGraphics)
        #expect(!Self.plainXterm.sixel && Self.plainXterm.answered)
        #expect(!TerminalAnswers(parsing: Array("\u{1B}_Gi=31;EINVAL:bad\u{1B}\\\u{1B}[?62c".utf8)).kittyGraphics)
        #expect(!Self.none.answered)
    }

    @Test func kittyByItsVariableOrItsAnswer() {
        #expect(choose(["KITTY_WINDOW_ID": "1", "TERM": "xterm-kitty"]).picture == .kitty)
        #expect(choose(["TERM": "xterm-256color"], answers: Self.kitty).picture == .kitty)
    }

    @Test func xtermAsAVT340GetsSixelAndPlainXtermSymbols() {
        #expect(choose(["TERM": "xterm"], answers: Self.vt340).picture == .sixel)
        #expect(choose(["TERM": "xterm"], answers: Self.plainXterm).picture == .symbols)
    }

    @Test func footWezTermAndITerm2ByTheirVariables() {
        #expect(choose(["TERM": "foot"]).picture == .sixel)
        #expect(choose(["TERM_PROGRAM": "WezTerm", "TERM": "xterm-256color"]).picture == .iterm)
        #expect(choose(["WEZTERM_PANE": "0"]).picture == .iterm)
        #expect(choose(["TERM_PROGRAM": "iTerm.app"]).picture == .iterm)
    }

    @Test func insideTmuxTheOuterTerminalDecidesAndPassthroughIsNeeded() {
        let env = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"]
        let on = choose(env, tmux: .init(outerEnvironment: ["KITTY_WINDOW_ID": "3"], allowsPassthrough: true), answers: Self.kitty)
        #expect(on.picture == .kitty && on.passthrough)
        let off = choose(env, tmux: .init(outerEnvironment: ["KITTY_WINDOW_ID": "3"], allowsPassthrough: false))
        #expect(off.picture == .symbols && !off.passthrough)
        #expect(off.reason.contains("allow-passthrough"))
        // tmux itself answers the queries: they say nothing of the outer terminal.
        #expect(choose(env, tmux: .init(outerEnvironment: [:], allowsPassthrough: true), answers: Self.vt340).picture == .symbols)
    }

    @Test func aTerminalThatAnswersNothingGetsSymbols() {
        let choice = choose(["TERM": "vt100"])
        #expect(choice.picture == .symbols)
        #expect(choice.reason.contains("answered nothing"))
    }

    @Test func noColorMeansMonochromeSymbols() {
        let choice = choose(["NO_COLOR": "1", "KITTY_WINDOW_ID": "1"], answers: Self.kitty)
        #expect(choice.picture == .symbols && choice.monochrome)
    }

    @Test func theFlagWinsOverTheEnvironmentAndAnUnknownValueIsNamed() throws {
        #expect(try PictureSetting.resolve(flag: "sixel", environment: ["COMFYKIT_IMAGES": "kitty"]) == .fixed(.sixel))
        #expect(try PictureSetting.resolve(flag: nil, environment: ["COMFYKIT_IMAGES": "off"]) == .fixed(.off))
        #expect(try PictureSetting.resolve(flag: nil, environment: [:]) == .auto)
        #expect(throws: PictureSettingError(source: "--images", value: "png")) { try PictureSetting.resolve(flag: "png", environment: [:]) }
        #expect(PictureSettingError(source: "--images", value: "png").description.contains("auto, kitty, sixel, iterm, symbols, off"))
        let asked = choose(["TERM": "vt100"], setting: .fixed(.sixel))
        #expect(asked.picture == .sixel && !asked.passthrough)
    }

    @Test func passthroughDoublesEveryEscape() {
        #expect(TmuxPassthrough.wrap("\u{1B}_Ga=q\u{1B}\\") == "\u{1B}Ptmux;\u{1B}\u{1B}_Ga=q\u{1B}\u{1B}\\\u{1B}\\")
    }
}
