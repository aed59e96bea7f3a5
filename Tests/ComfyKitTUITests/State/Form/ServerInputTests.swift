import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Combo choices and ranges from the server's object_info: fetched once per connection, checked inline, picked from a list.
@Suite struct ServerInputTests {
    typealias F = ServerInputFixtures

    @Test func theCatalogIsFetchedWhenTheServerIsFirstReachedAndAgainAfterItWasLost() throws {
        var state = try Fixtures.loadedState()
        #expect(update(&state, .serverProbed(.unreachable(reason: "refused"))).isEmpty)
        #expect(update(&state, .serverProbed(.connected(queue: 0))) == [.fetchObjectInfo])
        // In flight: further probes do not ask again.
        #expect(update(&state, .serverProbed(.connected(queue: 1))).isEmpty)
        _ = update(&state, .objectInfoLoaded(F.objectInfo))
        #expect(update(&state, .serverProbed(.connected(queue: 0))).isEmpty)
        _ = update(&state, .serverProbed(.unreachable(reason: "refused")))
        #expect(update(&state, .serverProbed(.connected(queue: 0))) == [.fetchObjectInfo])
        // A failed fetch is tried again at the next reconnection, and the forms keep working meanwhile.
        _ = update(&state, .objectInfoFailed(reason: "timeout"))
        #expect(!state.isFetchingObjectInfo)
    }

    @Test func offlineTheFormWorksWithoutChoicesOrRanges() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("method", in: &state)
        Fixtures.type("x", in: &state)
        #expect(F.field("method", in: state)?.text == "bilinearx")
        #expect(F.field("method", in: state)?.error == nil)
        #expect(state.currentForm?.picker == nil)
    }

    @Test func aComboValueNotAmongTheServersChoicesIsAnInlineError() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur")
        F.focus("method", in: &state)
        #expect(F.field("method", in: state)?.choices == ["nearest-exact", "bilinear", "area", "bicubic", "lanczos"])
        Fixtures.type("x", in: &state)
        #expect(F.field("method", in: state)?.error == "not in the server's list (Space)")
        _ = Fixtures.press(.backspace, in: &state)
        #expect(F.field("method", in: state)?.error == nil)
        let screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("method") && screen.contains("combo") && screen.contains("▾ 5 choices"))
    }

    @Test func aBoundAsWideAsASeedsIsShownAsNoBound() throws {
        // The server's object_info gives this input a maximum of 2^64 − 1, as it does for seeds.
        var state = try F.connectedForm("no-model/silent_audio")
        F.focus("duration", in: &state)
        #expect(F.field("duration", in: state)?.hint == "≥ 0.0, default 60.0")
    }

    @Test func numbersOutsideTheServersRangeAreInlineErrorsAndTheRangeIsShown() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur")
        F.focus("width", in: &state)
        #expect(F.field("width", in: state)?.hint == "0…16384, default 512")
        _ = Fixtures.press(.end, in: &state)
        Fixtures.type("000", in: &state)
        #expect(F.field("width", in: state)?.error == "above the maximum 16384")
        F.focus("blur", in: &state)
        _ = Fixtures.press(.home, in: &state)
        Fixtures.type("-", in: &state)
        #expect(F.field("blur", in: state)?.error?.hasPrefix("below the minimum") == true)
        let screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("✗ above the maximum 16384") && screen.contains("✗ below the minimum"))
        // Submitting is refused while they stand; the range errors stay next to their fields.
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.runs.all.isEmpty)
        #expect(state.currentForm?.errorCount == 3)  // + the required image
        #expect(F.field("width", in: state)?.error == "above the maximum 16384")
    }

    @Test func aFormOpenedBeforeTheCatalogArrivesGetsItWhenItDoes() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("method", in: &state)
        Fixtures.type("x", in: &state)
        #expect(F.field("method", in: state)?.error == nil)
        _ = update(&state, .objectInfoLoaded(F.objectInfo))
        #expect(F.field("method", in: state)?.error != nil)
    }

    @Test func spaceOpensThePickerOnTheCurrentValueAndEnterPicksTheHighlightedChoice() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur")
        F.focus("method", in: &state)
        _ = Fixtures.press(.character(" "), in: &state)
        var picker = try #require(state.currentForm?.picker)
        #expect(picker.selection == "bilinear")
        #expect(keyHints(for: state).map(\.key) == ["⏎", "↑↓", "type", "Esc"])
        var screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("method: 5/5") && screen.contains("› bilinear") && screen.contains("lanczos"))
        _ = Fixtures.press(.down, .down, in: &state)
        #expect(state.currentForm?.picker?.selection == "bicubic")
        // ⏎ picks: it does not submit.
        #expect(Fixtures.press(.enter, in: &state).isEmpty)
        #expect(state.currentForm?.picker == nil && state.runs.all.isEmpty)
        #expect(F.field("method", in: state)?.text == "bicubic")
        // Typing narrows the list; Esc closes it and leaves the value alone.
        _ = Fixtures.press(.character(" "), in: &state)
        Fixtures.type("EXA", in: &state)
        picker = try #require(state.currentForm?.picker)
        #expect(picker.visible == ["nearest-exact"])
        screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("/EXA") && screen.contains("method: 1/5"))
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.currentForm?.picker == nil)
        #expect(state.route != .list)
        #expect(F.field("method", in: state)?.text == "bicubic")
    }

    @Test func spaceInAFieldWithoutChoicesIsJustASpace() throws {
        var state = try F.connectedForm("no-model/text_concat")
        F.focus("text", in: &state)
        Fixtures.type("hi there", in: &state)
        #expect(state.currentForm?.picker == nil)
        #expect(F.field("text", in: state)?.text == "hi there")
    }

    @Test func aMediaFieldListsTheServersFilesWithCtrlOAndSpaceStaysText() throws {
        var state = try Fixtures.loadedState()
        _ = update(&state, .objectInfoLoaded(ObjectInfo(classes: ["LoadImage": ["image": InputInfo(type: "COMBO", choices: ["a.png", "comfykit_test.png"])]])))
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("image", in: &state)
        #expect(keyHints(for: state).contains { $0.key == "^O" && $0.action == "server files" })
        Fixtures.type("my file.png", in: &state)
        #expect(state.currentForm?.picker == nil)
        #expect(F.field("image", in: state)?.error?.contains("not on the server (2 files there") == true)
        _ = Fixtures.press(.control("o"), .down, .enter, in: &state)
        #expect(F.field("image", in: state)?.text == "comfykit_test.png")
        #expect(F.field("image", in: state)?.error == nil)
        #expect(F.field("image", in: state)?.hint == "file on the server")
    }
}

/// Where the picker is drawn and how it scrolls.
@Suite struct ComboPickerViewTests {
    typealias F = ServerInputFixtures

    @Test func aPickerThatDoesNotFitIsShortenedAndNeverCoversItsField() throws {
        var state = try F.connectedForm("no-model/invert_scale_blur", width: 80, height: 14)
        F.focus("method", in: &state)
        _ = Fixtures.press(.character(" "), in: &state)
        let lines = F.lines(state)
        let fieldRow = try #require(lines.firstIndex { $0.contains("› method") })
        #expect(lines[fieldRow].contains("bilinear"))
        #expect(lines[fieldRow + 1].contains("method: 5/5"))
        // Five choices do not fit in the rows left: the list scrolls, the selection stays in view.
        #expect(lines.contains { $0.contains("› bilinear") })
        #expect(!lines.contains { $0.contains("lanczos") })
        _ = Fixtures.press(.end, in: &state)
        #expect(F.lines(state).contains { $0.contains("› lanczos") })
    }

    @Test func theListScrollsToKeepTheSelectionInView() throws {
        var state = try Fixtures.loadedState(width: 80, height: 30)
        let many = (1...40).map { String(format: "model-%02d.safetensors", $0) }
        _ = update(&state, .objectInfoLoaded(ObjectInfo(classes: ["ImageScale": ["upscale_method": InputInfo(type: "COMBO", choices: many)]])))
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("method", in: &state)
        _ = Fixtures.press(.character(" "), in: &state)
        for _ in 0..<25 { _ = Fixtures.press(.down, in: &state) }
        let screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("› model-26.safetensors"))
        #expect(!screen.contains("model-01.safetensors"))
        #expect(screen.contains("method: 40/40"))
        _ = Fixtures.press(.end, .enter, in: &state)
        #expect(F.field("method", in: state)?.text == "model-40.safetensors")
    }

    @Test func everyHelpLineFitsAnEightyByTwentyFourTerminal() throws {
        var state = try Fixtures.loadedState(width: 80, height: 24)
        _ = Fixtures.press(.character("?"), in: &state)
        let screen = F.lines(state).joined(separator: "\n")
        #expect(helpLines.allSatisfy { screen.contains($0.key) })
        #expect(screen.contains("quit (q only outside a text field)"))
    }

    @Test func theHelpOverlayListsTheEditorKeys() throws {
        var state = try Fixtures.loadedState(width: 100, height: 40)
        _ = Fixtures.press(.character("?"), in: &state)
        let screen = F.lines(state).joined(separator: "\n")
        #expect(screen.contains("^O  Tab") && screen.contains("edit text on several lines"))
        #expect(screen.contains("Space  ^O") && screen.contains("complete a path"))
    }
}

/// The server's catalog arriving after Enter re-checks the fields; it must not wipe "required".
@Suite struct RequiredErrorsSurviveTheCatalogTests {
    @Test func aRequiredFieldsErrorStaysWhenTheCatalogArrivesAfterEnter() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/text_concat", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        let required = try #require(state.currentForm?.fields.first { $0.isRequired })
        #expect(required.error == FieldState.requiredMessage)
        _ = update(&state, .objectInfoLoaded(ServerInputFixtures.objectInfo))
        #expect(state.currentForm?.fields.first { $0.name == required.name }?.error == FieldState.requiredMessage)
        // Typing clears it as before.
        Fixtures.type("hi", in: &state)
        #expect(state.currentForm?.fields.first { $0.name == required.name }?.error == nil)
    }
}
