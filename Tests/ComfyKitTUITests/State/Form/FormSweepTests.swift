import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 16, part 1 in the form: ^T opens "values for NAME" under a field, read as the CLI's `--vary`; Alt-N sets
/// the count and Alt-M the seeds; the number of prompts shows before ⏎, above 50 it asks, and bad values send nothing.
@Suite struct FormSweepTests {
    typealias F = ServerInputFixtures

    /// animated_noise's form (width, height, frames, seed) with the server's catalog, the focus on `field`.
    private func form(focusing field: String) throws -> AppState {
        var state = try F.connectedForm("no-model/animated_noise")
        F.focus(field, in: &state)
        return state
    }

    /// txt2img's form, whose sampler has the server's choices, the focus on `field`.
    private func txt2img(focusing field: String) throws -> AppState {
        var state = try F.connectedForm("sd15/txt2img")
        F.focus(field, in: &state)
        return state
    }

    /// ^T on the focused field, its line cleared, `values` typed.
    private func sweep(_ values: String, in state: inout AppState) {
        _ = Fixtures.press(.control("t"), .control("u"), in: &state)
        Fixtures.type(values, in: &state)
    }

    private func sweepOf(_ effects: [Effect]) -> SweepRequest? {
        for case .startSweep(_, _, _, let request) in effects { return request }
        return nil
    }

    @Test func ctrlTOpensAValuesLineUnderTheFieldAndEnterSendsASweepOfItsValues() throws {
        var state = try form(focusing: "width")
        sweep("64,128,256", in: &state)
        let lines = F.lines(state)
        #expect(lines.contains { $0.contains("values for width: 64,128,256") })
        #expect(lines.contains { $0.contains("sweep: ⏎ sends 3 prompts") })
        let request = try #require(sweepOf(Fixtures.press(.enter, in: &state)))
        #expect(request.variations == [Variation(param: "width", values: [.int(64), .int(128), .int(256)])])
        #expect(request.params["height"] == .int(64))
        #expect(request.params["width"] == nil)
        #expect(state.runs.all.map(\.sweep?.index) == [0, 1, 2])
    }

    @Test func aRangeAndAListMakeTheirProductAndTheCountMultipliesIt() throws {
        var state = try form(focusing: "width")
        sweep("64..128:32", in: &state)
        F.focus("height", in: &state)
        sweep("32,64", in: &state)
        _ = Fixtures.press(.alt("n"), .control("u"), in: &state)
        Fixtures.type("2", in: &state)
        #expect(state.currentForm?.sweep.prompts == 12)
        let request = try #require(sweepOf(Fixtures.press(.enter, in: &state)))
        #expect(request.variations.map(\.param) == ["width", "height"])
        #expect(request.variations[0].values == [.int(64), .int(96), .int(128)])
        #expect(request.count == 2)
    }

    /// A count above 1 with nothing to change between the repeats says so before ⏎: ComfyUI would run the prompt once
    /// and answer the repeats from its cache.
    @Test func aCountWhoseRepeatsCannotDifferSaysSoUntilTheSeedsChange() throws {
        var state = try form(focusing: "width")
        _ = Fixtures.press(.alt("n"), .control("u"), in: &state)
        Fixtures.type("3", in: &state)
        #expect(state.currentForm?.sweep.identicalRepeats?.times == 3)
        #expect(F.lines(state).contains { $0.contains("seeds fixed (Alt-M) · each the same 3× (seeds fixed)") }, "\(F.lines(state).joined(separator: "\n"))")
        _ = Fixtures.press(.alt("m"), in: &state)
        #expect(state.currentForm?.sweep.identicalRepeats == nil, "incremented seeds make each repeat new")
        #expect(!F.lines(state).contains { $0.contains("each the same") })

        var plain = try F.connectedForm("no-model/solid_color")
        _ = Fixtures.press(.alt("n"), .control("u"), in: &plain)
        Fixtures.type("2", in: &plain)
        _ = Fixtures.press(.alt("m"), in: &plain)
        #expect(plain.currentForm?.sweep.identicalRepeats?.reason == "no seed to change", "no seed: whatever the policy")
    }

    @Test func aValueOfTheWrongKindIsMarkedOnItsLineAndNothingIsSent() throws {
        var state = try form(focusing: "width")
        sweep("64,abc", in: &state)
        #expect(state.currentForm?.sweep.line(for: "width")?.error != nil)
        #expect(F.lines(state).contains { $0.contains("values for width") && $0.contains("✗") })
        let effects = Fixtures.press(.enter, in: &state)
        #expect(sweepOf(effects) == nil)
        #expect(state.runs.all.isEmpty)
        #expect(state.status.hasPrefix("sweep not sent: values for width"))
    }

    @Test func aValueOutsideTheServersRangeOrChoicesIsRefusedBeforeAnythingIsSent() throws {
        var state = try txt2img(focusing: "steps")
        sweep("10,20000", in: &state)
        #expect(state.currentForm?.sweep.line(for: "steps")?.error == "20000: above the maximum 10000")
        F.focus("sampler", in: &state)
        sweep("euler,no_such_sampler", in: &state)
        #expect(state.currentForm?.sweep.line(for: "sampler")?.error?.hasPrefix("no_such_sampler: not in the server's list") == true)
        #expect(sweepOf(Fixtures.press(.enter, in: &state)) == nil)
        #expect(state.runs.all.isEmpty)
    }

    @Test func aSweepOfMoreThanFiftyPromptsAsksAndEscSendsNothing() throws {
        var state = try form(focusing: "width")
        sweep("1..60", in: &state)
        #expect(sweepOf(Fixtures.press(.enter, in: &state)) == nil)
        #expect(state.currentForm?.sweep.confirming == 60)
        #expect(keyHints(for: state).first?.action == "send 60 prompts")
        #expect(sweepOf(Fixtures.press(.escape, in: &state)) == nil)
        #expect(state.route == .form(workflowPath: state.currentForm?.workflowPath ?? ""))
        _ = Fixtures.press(.enter, in: &state)
        let request = try #require(sweepOf(Fixtures.press(.character("y"), in: &state)))
        #expect(request.variations.first?.values.count == 60)
        #expect(state.runs.all.count == 60)
    }

    @Test func altMCyclesTheSeedsAndTheCountAloneMakesASweep() throws {
        var state = try form(focusing: "width")
        _ = Fixtures.press(.alt("n"), .control("u"), in: &state)
        Fixtures.type("3", in: &state)
        _ = Fixtures.press(.alt("m"), in: &state)
        #expect(state.currentForm?.sweep.seedMode == .increment)
        #expect(F.lines(state).contains { $0.contains("seeds increment") })
        let request = try #require(sweepOf(Fixtures.press(.enter, in: &state)))
        #expect(request.variations.isEmpty)
        #expect(request.count == 3)
        #expect(request.seedMode == .increment)
    }

    @Test func ctrlTOnItsOwnLineRemovesItAndEnterRunsOnePromptAgain() throws {
        var state = try form(focusing: "width")
        sweep("64,128", in: &state)
        _ = Fixtures.press(.control("t"), in: &state)
        #expect(state.currentForm?.sweep.isActive == false)
        let effects = Fixtures.press(.enter, in: &state)
        #expect(effects.contains { if case .startRun = $0 { true } else { false } })
    }

    @Test func theHintBarAndHelpNameTheSweepKeys() throws {
        var state = try form(focusing: "width")
        #expect(keyHints(for: state).contains { $0.key == "^T" })
        #expect(helpLines.contains { $0.key.contains("^T") && $0.key.contains("Alt-N") && $0.key.contains("Alt-M") })
        sweep("10", in: &state)
        #expect(keyHints(for: state).contains { $0.key == "^T" && $0.action == "one value again" })
    }
}
