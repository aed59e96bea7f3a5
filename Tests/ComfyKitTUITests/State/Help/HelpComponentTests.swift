import Testing
@testable import ComfyKitTUI

@Suite struct HelpComponentTests {
    @Test func escQuestionMarkAndQCloseTheHelpAndOtherKeysDoNothing() {
        for key in [Key.escape, .character("?"), .character("q")] {
            var help = HelpComponent(isShown: true)
            help.update(key)
            #expect(!help.isShown, "\(key)")
        }
        var help = HelpComponent(isShown: true)
        help.update(.character("j"))
        help.update(.enter)
        #expect(help.isShown)
    }
}
