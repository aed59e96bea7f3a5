import Testing
@testable import ComfyKitTUI

/// The terminal's background from its answer to `OSC 11 ; ?`, and the theme it picks when `--theme` is not given:
/// a light background gets the light theme (the default's white hints vanish on white), anything else the default.
@Suite struct TerminalBackgroundTests {
    @Test(arguments: [
        // xterm's default (black on white), ended by ST, 4 hex digits a channel.
        ("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\", true),
        // kitty's default dark grey, ended by BEL.
        ("\u{1B}]11;rgb:0000/0000/0000\u{07}", false),
        // solarized light's cream and dark's blue, 2 digits a channel.
        ("\u{1B}]11;rgb:fd/f6/e3\u{07}", true),
        ("\u{1B}]11;rgb:00/2b/36\u{07}", false),
        // GNOME Terminal's (VTE) dark grey and a light grey, mixed digit counts are each scaled by their own width.
        ("\u{1B}]11;rgb:1717/1414/2121\u{1B}\\", false),
        ("\u{1B}]11;rgb:d/d/d\u{1B}\\", true),
    ])
    func answersAreReadAsLightOrDark(answer: String, light: Bool) throws {
        let background = try #require(TerminalBackground(parsing: Array(answer.utf8)))
        #expect(background.isLight == light)
    }

    @Test func theAnswerIsFoundAmongTheOtherAnswers() throws {
        // As the start-up read sees them: the background, two cursor reports, then DA1.
        let answers = "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[12;3R\u{1B}[12;3R\u{1B}[?62;4c"
        let background = try #require(TerminalBackground(parsing: Array(answers.utf8)))
        #expect(background == TerminalBackground(red: 1, green: 1, blue: 1))
        #expect(ClusterProbe.reports(in: Array(answers.utf8)) == [3, 3], "the cursor reports are still read")
    }

    @Test(arguments: ["", "\u{1B}[12;3R", "\u{1B}]11;rgb:ffff/ffff", "\u{1B}]11;rgba:ffff/ffff/ffff/ffff\u{07}",
                      "\u{1B}]11;rgb:fffff/0/0\u{07}", "\u{1B}]11;rgb:zz/00/00\u{07}", "\u{1B}]11;?\u{1B}\\"])
    func whatIsNoColourAnswerGivesNone(answer: String) {
        #expect(TerminalBackground(parsing: Array(answer.utf8)) == nil)
    }

    @Test func theThemeFollowsTheBackgroundUnlessOneIsChosen() {
        let white = TerminalBackground(red: 1, green: 1, blue: 1), black = TerminalBackground(red: 0, green: 0, blue: 0)
        #expect(TerminalBackground.themeName(chosen: nil, background: white) == "light")
        #expect(TerminalBackground.themeName(chosen: nil, background: black) == "default")
        #expect(TerminalBackground.themeName(chosen: nil, background: nil) == "default", "a terminal that does not say")
        #expect(TerminalBackground.themeName(chosen: "high-contrast", background: white) == "high-contrast")
        #expect(TerminalBackground.themeName(chosen: "default", background: white) == "default", "--theme default is kept")
    }
}
