import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 10: a form is kept as left (per workflow, into the next session), and ^D puts a field back
/// to the workflow's value.
@Suite struct FormKeptAsLeftTests {
    private func openInvert(_ state: inout AppState) {
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        ServerInputFixtures.focus("width", in: &state)
    }

    @Test func leavingAFormWithEscRemembersItsValuesForTheNextSession() throws {
        var state = try Fixtures.loadedState()
        openInvert(&state)
        _ = Fixtures.press(.end, in: &state)
        Fixtures.type("0", in: &state)
        let typed = try #require(ServerInputFixtures.field("width", in: state)?.text)
        let effects = Fixtures.press(.escape, in: &state)
        let path = try #require(state.list.selectedEntry?.path)
        #expect(effects.contains { if case .rememberForm(path, let values) = $0 { values["width"] == typed } else { false } })
        var next = try Fixtures.loadedState()
        next.rememberedForms = state.rememberedForms
        openInvert(&next)
        #expect(ServerInputFixtures.field("width", in: next)?.text == typed, "restarted, the form shows what was left")
    }

    @Test func ctrlDPutsTheFocusedFieldBackToTheWorkflowsValue() throws {
        var state = try Fixtures.loadedState()
        openInvert(&state)
        let original = try #require(ServerInputFixtures.field("width", in: state)?.text)
        _ = Fixtures.press(.end, in: &state)
        Fixtures.type("99", in: &state)
        #expect(ServerInputFixtures.field("width", in: state)?.text != original)
        _ = Fixtures.press(.control("d"), in: &state)
        #expect(ServerInputFixtures.field("width", in: state)?.text == original)
    }
}
