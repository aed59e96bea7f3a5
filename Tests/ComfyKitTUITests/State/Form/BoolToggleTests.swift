import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 12, part 6: a true/false field is a toggle drawn `[x]`/`[ ]` that Space flips; nothing is typed into it.
@Suite struct BoolToggleTests {
    static let env = TUIEnvironment(fileExists: { _ in false }, fileStamp: { _ in nil })
    static let context = FormComponent.Context(editor: TextEditorGeometry(width: 80, height: 20), catalogLoaded: false,
                                               displayName: "tiles")

    /// A form of one node with a bool (`tiled`, false) and an int (`tile_size`), both params.
    private func form() throws -> FormComponent {
        let json = #"{"1": {"class_type": "VAEDecodeTiled", "inputs": {"tiled": false, "tile_size": 512}, "_meta": {"title": "Decode, $tiled, $tile_size"}}}"#
        let workflow = try WorkflowDocument.parse(Array(json.utf8), source: "tiles.json", name: "tiles").localWorkflow()
        let read = ReadWorkflow(loaded: LoadedWorkflow(workflow: workflow, runningHubID: nil), spec: try WorkflowSpec(workflow), stamp: nil)
        return FormComponent(workflowPath: "/w/tiles.json", workflow: read, remembered: [:], Self.env)
    }

    private func press(_ keys: Key..., on form: inout FormComponent) {
        var status = ""
        for key in keys { _ = form.update(.key(key), Self.env, Self.context, status: &status) }
    }

    private func drawn(_ form: FormComponent) -> [String] {
        var screen = Screen(width: 80, height: 6)
        FormView(form: form, title: "tiles").render(into: Rect(column: 0, row: 0, width: 80, height: 6), &screen)
        return screen.lines
    }

    @Test func spaceFlipsTheToggleAndTheSubmissionCarriesTheBool() throws {
        var form = try form()
        let tiled = try #require(form.fields.firstIndex { $0.name == "tiled" })
        form.focus = tiled
        #expect(drawn(form).contains { $0.contains("tiled") && $0.contains("[ ]") })
        press(.character(" "), on: &form)
        #expect(form.fields[tiled].isOn)
        #expect(drawn(form).contains { $0.contains("tiled") && $0.contains("[x]") && !$0.contains("true") })
        var status = ""
        guard case .submit(let params) = form.update(.key(.enter), Self.env, Self.context, status: &status) else {
            Issue.record("expected a submission: \(status)")
            return
        }
        #expect(params["tiled"] == .bool(true))
        press(.character(" "), on: &form)
        #expect(!form.fields[tiled].isOn)
    }

    @Test func typingOrCuttingDoesNothingToAToggle() throws {
        var form = try form()
        let tiled = try #require(form.fields.firstIndex { $0.name == "tiled" })
        form.focus = tiled
        press(.character("t"), .character("r"), .backspace, .control("u"), .control("k"), on: &form)
        #expect(form.fields[tiled].text == "false")
        #expect(form.fields[tiled].error == nil)
        var status = ""
        _ = form.update(.paste("true"), Self.env, Self.context, status: &status)
        #expect(form.fields[tiled].text == "false")
    }

    @Test func ctrlOOnAToggleOpensNothingAndClaimsNoMissingChoices() throws {
        var form = try form()
        form.focus = try #require(form.fields.firstIndex { $0.name == "tiled" })
        var status = ""
        _ = form.update(.key(.control("o")), Self.env, Self.context, status: &status)
        #expect(form.editor == nil)
        #expect(!status.contains("choices"), "\(status)")
    }

    @Test func theHintBarOffersSpaceToToggle() throws {
        var state = try Fixtures.loadedState()
        let form = try form()
        state.forms[form.workflowPath] = form
        state.route = .form(workflowPath: form.workflowPath)
        state.forms[form.workflowPath]?.focus = try #require(form.fields.firstIndex { $0.name == "tiled" })
        #expect(keyHints(for: state).contains { $0.key == "Space" && $0.action == "toggle" })
        #expect(!keyHints(for: state).contains { $0.key == "^O" })
    }
}
