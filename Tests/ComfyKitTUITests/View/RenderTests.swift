import ComfyKit
import Testing
@testable import ComfyKitTUI

@Suite struct RenderTests {
    private func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }

    @Test func listShowsEveryWorkflowWithItsParamsAndBrokenFilesWithTheirReason() throws {
        let state = try Fixtures.loadedState()
        let text = lines(state)
        #expect(text[0].contains("http://127.0.0.1:8188"))
        #expect(text.contains { $0.contains("› no-model/animated_noise") })
        #expect(text.contains { $0.contains("sd15/txt2img") && $0.contains("(1 required)") })
        #expect(text.contains { $0.contains("broken") && $0.contains("✗ invalid JSON at line 1") })
        #expect(text.last?.contains("/ filter") == true)
        #expect(text.last?.contains("q quit") == true)
    }

    @Test func formShowsOneLinePerFieldWithTheRequiredMarkerAndKind() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let text = lines(state)
        let prompt = try #require(text.first { $0.contains("prompt") })
        #expect(prompt.contains("prompt *"))
        #expect(prompt.contains("string"))
        #expect(text.contains { $0.contains("negative") && !$0.contains("*") })
        #expect(text.last?.contains("⏎ run") == true)
        #expect(text.last?.contains("q quit") == false)
    }

    @Test func submitErrorsAreShownInlineNextToTheField() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/txt2img", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        #expect(lines(state).contains { $0.contains("prompt *") && $0.contains("✗ required") })
    }

    @Test func runPanelShowsTheOverallBarAndTheCurrentNodeSteps() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, .enter, in: &state)
        _ = update(&state, .runEvent(runID: 1, .nodeStarted(NodeInfo(id: "3", classType: "KSampler", title: "Sampler"), overall: 0.25)))
        _ = update(&state, .runEvent(runID: 1, .progress(node: "3", value: 5, max: 20, overall: 0.5)))
        let text = lines(state)
        #expect(text.contains { $0.contains("run #1 no-model/solid_color  running") })
        #expect(text.contains { $0.hasPrefix(" overall ████") && $0.hasSuffix("50%") })
        #expect(text.contains { $0.contains("node 3 Sampler (KSampler)  5/20") })
    }

    @Test func helpOverlayListsTheKeys() throws {
        var state = try Fixtures.loadedState()
        _ = Fixtures.press(.character("?"), in: &state)
        let text = lines(state)
        #expect(text.contains { $0.contains("Keys") })
        #expect(text.contains { $0.contains("filter the list") })
        #expect(text.last?.contains("Esc close help") == true)
    }

    @Test func tooSmallTerminalShowsAMessageInsteadOfTheLayout() throws {
        let state = try Fixtures.loadedState(width: 30, height: 8)
        let text = lines(state)
        #expect(text.contains { $0.contains("terminal too small") })
        #expect(text.contains { $0.contains("need 40×10, have 30×8") })
        #expect(!text.contains { $0.contains("txt2img") })
    }
}
