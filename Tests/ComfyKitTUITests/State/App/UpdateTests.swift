import ComfyKit
import Testing
@testable import ComfyKitTUI

@Suite struct UpdateTests {
    @Test func folderScanListsSubfoldersAsGroupsInOrder() throws {
        let entries = try Fixtures.examples()
        #expect(entries.map(\.displayName).contains("no-model/solid_color"))
        #expect(entries.first { $0.name == "txt2img" }?.group == "sd15")
        #expect(entries.allSatisfy { $0.spec != nil })
    }

    @Test func jAndArrowsMoveTheSelectionWithinTheList() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("j"), .down, in: &state)
        #expect(state.list.selected == 2)
        _ = Fixtures.press(.character("k"), in: &state)
        #expect(state.list.selected == 1)
        _ = Fixtures.press(.up, .up, .up, in: &state)
        #expect(state.list.selected == 0)
        for _ in 0..<50 { _ = update(&state, .key(.down)) }
        #expect(state.list.selected == state.list.entries.count - 1)
    }

    @Test func slashFiltersTheListAndEscClearsIt() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &state)
        Fixtures.type("sd15", in: &state)
        #expect(state.list.visibleEntries.map(\.displayName) == ["sd15/img2img", "sd15/txt2img"])
        _ = Fixtures.press(.enter, in: &state)
        #expect(!state.list.isFiltering)
        #expect(Fixtures.press(.character("q"), in: &state) == [.quit])
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.list.filter.isEmpty)
    }

    @Test func typingQInTheFilterIsTextNotQuit() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("/"), in: &state)
        #expect(Fixtures.press(.character("q"), in: &state).isEmpty)
        #expect(state.list.filter == "q")
    }

    @Test func enterOpensTheFormWithOneFieldPerParamInOrder() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let form = try #require(state.currentForm)
        #expect(form.fields.map(\.name) == ["width", "height", "color"])
        #expect(form.fields[0].kind == .int)
    }

    @Test func enterOnABrokenFileShowsTheReasonAndStaysOnTheList() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("broken", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.route == .list)
        #expect(state.status.contains("invalid JSON"))
    }

    @Test func editingAFieldTypesAtTheCursorAndValidatesAsYouType() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .backspace, .backspace, .backspace, in: &state)
        Fixtures.type("12x", in: &state)
        var field = try #require(state.currentForm?.fields[0])
        #expect(field.text == "12x")
        #expect(field.error != nil)
        _ = Fixtures.press(.backspace, in: &state)
        field = try #require(state.currentForm?.fields[0])
        #expect(field.error == nil)
        #expect(field.cursor == 2)
    }

    @Test func tabAndShiftTabMoveBetweenFieldsAndWrap() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .tab, .tab, in: &state)
        #expect(state.currentForm?.focus == 2)
        _ = Fixtures.press(.tab, in: &state)
        #expect(state.currentForm?.focus == 0)
        _ = Fixtures.press(.backTab, in: &state)
        #expect(state.currentForm?.focus == 2)
    }

    @Test func submitWithAMissingRequiredFieldShowsTheErrorAndEmitsNoEffect() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let prompt = try #require(state.currentForm?.fields.firstIndex { $0.name == "prompt" })
        #expect(state.currentForm?.fields[prompt].isRequired == true)
        let effects = Fixtures.press(.tab, .enter, in: &state)
        #expect(effects.isEmpty)
        #expect(state.currentForm?.fields[prompt].error == "required")
        #expect(state.currentForm?.focus == prompt)
        #expect(state.runs.all.isEmpty)
    }

    @Test func submitWithValidValuesStartsARunWithCoercedParams() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .backspace, .backspace, .backspace, in: &state)
        Fixtures.type("640", in: &state)
        let effects = Fixtures.press(.enter, in: &state)
        guard case .startRun(let id, let path, _, let params)? = effects.first else {
            Issue.record("expected a startRun effect, got \(effects)")
            return
        }
        #expect(id == 1)
        #expect(path.hasSuffix("no-model/solid_color.json"))
        #expect(params["width"] == .int(640))
        #expect(state.runs.all.map(\.id) == [1])
        // The texts as typed are saved for the next session.
        #expect(effects.contains { if case .rememberForm(path, let values) = $0 { values["width"] == "640" } else { false } })
    }

    @Test func escGoesBackToTheListKeepingTheFormValues() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        Fixtures.type("9", in: &state)
        _ = Fixtures.press(.escape, in: &state)
        #expect(state.route == .list)
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.currentForm?.fields[0].text.hasSuffix("9") == true)
    }

    @Test func questionMarkTogglesHelpOnTheList() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("?"), in: &state)
        #expect(state.help.isShown)
        #expect(Fixtures.press(.character("j"), in: &state).isEmpty)
        #expect(state.list.selected == 0)
        _ = Fixtures.press(.character("?"), in: &state)
        #expect(!state.help.isShown)
    }

    @Test func runEventsFoldIntoTheRunPanelState() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .runEvent(runID: 1, .queued(position: 2)))
        #expect(state.currentRun?.phase == .queued(position: 2))
        let node = NodeInfo(id: "3", classType: "KSampler", title: "Sampler")
        _ = update(&state, .runEvent(runID: 1, .nodeStarted(node, overall: 0.25)))
        _ = update(&state, .runEvent(runID: 1, .progress(node: "3", value: 5, max: 20, overall: 0.4)))
        let run = try #require(state.currentRun)
        #expect(run.node == node)
        #expect(run.stepValue == 5 && run.stepMax == 20)
        #expect(run.overall == 0.4)
        #expect(Fixtures.press(.escape, .character("c"), in: &state) == [.cancelRun(runID: 1)])
    }

    @Test func dDownloadsTheNewestRunsOutputsOnlyOnceThereAreSome() throws {
        var state = try Fixtures.loadedState()
        #expect(Fixtures.press(.character("d"), in: &state).isEmpty)
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, .escape, in: &state)
        let url = "http://127.0.0.1:8188/view?filename=a.png&type=output"
        let result = ExecuteResult(status: .completed, imagesByVar: ["result": [url]])
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: result))))
        #expect(Fixtures.press(.character("d"), in: &state) == [.download(runID: 1, urls: [url])])
    }

    @Test func aRefusedPromptMarksTheFieldsOfTheFailingParams() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        let path = try #require(state.runs.all.first?.workflowPath)
        let spec = try #require(state.list.entries.first { $0.path == path }?.spec)
        let body = try JSONValue(parsing: #"{"error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": "", "extra_info": {}}, "node_errors": {"1": {"errors": [{"type": "value_smaller_than_min", "message": "Value 0 smaller than min of 1", "details": "width", "extra_info": {"input_name": "width"}}], "dependent_outputs": ["2"], "class_type": "EmptyImage"}}}"#)
        let error = ValidationError(json: body).attributing(to: spec)
        let outcome = RunOutcome(result: ExecuteResult(status: .error, msg: error.description), failure: .validation(error))
        _ = update(&state, .runEvent(runID: 1, .finished(outcome)))
        let form = try #require(state.forms[path])
        #expect(form.fields.first { $0.name == "width" }?.error == "server: Value 0 smaller than min of 1")
        #expect(form.fields.first { $0.name == "height" }?.error == nil)
        #expect(state.status.hasSuffix("(1 field marked)"))
    }

    @Test func theRunPanelShowsElapsedRateAndETA() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .clock(10))
        _ = update(&state, .runEvent(runID: 1, .submitted(promptID: "p")))
        _ = update(&state, .runEvent(runID: 1, .nodeStarted(NodeInfo(id: "3", classType: "KSampler", title: "Sampler"), overall: 0.25)))
        _ = update(&state, .clock(11))
        _ = update(&state, .runEvent(runID: 1, .progress(node: "3", value: 2, max: 20, overall: 0.3)))
        _ = update(&state, .clock(16))
        _ = update(&state, .runEvent(runID: 1, .progress(node: "3", value: 12, max: 20, overall: 0.5)))
        let run = try #require(state.currentRun)
        #expect(run.stepRate == 2)
        #expect(run.stepETA == 4)
        #expect(run.elapsed(now: state.clock) == 6)
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        let text = screen.lines.joined(separator: "\n")
        #expect(text.contains("12/20  2.0 it/s  ETA 0:04"))
        #expect(text.contains("running  0:06"))
        _ = update(&state, .clock(20))
        _ = update(&state, .runEvent(runID: 1, .finished(RunOutcome(result: ExecuteResult(status: .completed)))))
        _ = update(&state, .clock(99))
        #expect(state.currentRun?.elapsed(now: state.clock) == 10)
    }

    @Test func controlRDrawsASeedForSeedFieldsOnly() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let path = try #require(state.currentForm?.workflowPath)
        #expect(Fixtures.press(.control("r"), in: &state).isEmpty)  // the first field is the model, not a seed
        while state.currentForm?.fields[state.currentForm!.focus].name != "seed" { _ = Fixtures.press(.tab, in: &state) }
        #expect(Fixtures.press(.control("r"), in: &state) == [.drawSeed(workflowPath: path, field: "seed")])
        _ = update(&state, .seedDrawn(workflowPath: path, field: "seed", seed: 123_456_789))
        let seed = try #require(state.currentForm?.fields.first { $0.name == "seed" })
        #expect(seed.text == "123456789")
        #expect(seed.error == nil)
    }
}
