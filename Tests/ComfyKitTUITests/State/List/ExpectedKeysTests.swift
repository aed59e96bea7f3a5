import Testing
@testable import ComfyKitTUI

/// Issue 11, item 12: help from a form (F1, said in its footer), paging keys, and a subsequence filter.
@Suite struct ExpectedKeysTests {
    @Test func theFilterMatchesLettersInOrder() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("tx2", in: &state)
        #expect(state.list.visibleEntries.map(\.displayName) == ["sd15/txt2img"])
    }

    @Test func f1OpensHelpFromAFormAndTheFormFooterSaysSo() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        #expect(keyHints(for: state).contains { $0.key == "F1" && $0.action == "help" })
        _ = Fixtures.press(.f1, in: &state)
        #expect(state.help.isShown)
        _ = Fixtures.press(.f1, in: &state)
        #expect(!state.help.isShown)
        #expect(state.currentForm != nil, "closing help goes back to the form")
    }

    @Test func pageDownAndPageUpMoveTheListByAScreen() {
        var state = AppState(folder: "/w", serverURL: "http://127.0.0.1:8188")
        _ = update(&state, .folderLoaded(LongNamesTests.longNames()))
        _ = update(&state, .resize(width: 100, height: 20))
        _ = Fixtures.press(.pageDown, in: &state)
        #expect(state.list.selected == 16)
        _ = Fixtures.press(.pageDown, .pageUp, in: &state)
        #expect(state.list.selected == 16)
        _ = Fixtures.press(.end, in: &state)
        #expect(state.list.selected == 149)
        _ = Fixtures.press(.home, in: &state)
        #expect(state.list.selected == 0)
    }

    @Test func pickersAndTheRunsScreenPage() {
        var picker = ChoicePicker(field: 0, choices: (0..<30).map { "c\($0)" }, current: "c0")
        _ = picker.update(.pageDown)
        #expect(picker.selection == "c10")
        _ = picker.update(.pageUp)
        #expect(picker.selection == "c0")
        #expect(RunsComponent.message(for: .pageDown) == .moveOutput(by: 10))
        #expect(RunsComponent.message(for: .pageUp) == .moveOutput(by: -10))
    }
}
