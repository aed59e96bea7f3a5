import ComfyKit
import Testing
@testable import ComfyKitTUI

/// The form component on its own: what it handles itself and what it reports to the app.
@Suite struct FormComponentTests {
    static let env = TUIEnvironment(fileExists: { _ in false }, fileStamp: { _ in nil })
    static let context = FormComponent.Context(editor: TextEditorGeometry(width: 100, height: 30), catalogLoaded: false,
                                               displayName: "no-model/solid_color")

    /// The example's form, read with no file stamp (so no change is ever noticed).
    private func form(_ name: String = "no-model/solid_color") throws -> FormComponent {
        let entry = try #require(try Fixtures.examples().first { $0.displayName == name })
        guard case .ready(let read) = entry.content else { throw FormFixtureMissing() }
        return FormComponent(workflowPath: entry.path, workflow: ReadWorkflow(loaded: read.loaded, spec: read.spec, stamp: nil),
                             remembered: [:], Self.env)
    }

    private struct FormFixtureMissing: Error {}

    @Test func escAndControlXAreLeftToTheApp() throws {
        var form = try form(), status = ""
        #expect(form.update(.key(.escape), Self.env, Self.context, status: &status) == .back)
        #expect(form.update(.key(.control("x")), Self.env, Self.context, status: &status) == .cancelRun)
    }

    @Test func enterWithValidFieldsReportsTheCoercedParams() throws {
        var form = try form(), status = ""
        for _ in 0..<5 { _ = form.update(.key(.backspace), Self.env, Self.context, status: &status) }
        for c in "64" { _ = form.update(.key(.character(c)), Self.env, Self.context, status: &status) }
        guard case .submit(let params) = form.update(.key(.enter), Self.env, Self.context, status: &status) else {
            Issue.record("expected a submission")
            return
        }
        #expect(params["width"] == .int(64))
    }

    @Test func anInvalidFieldKeepsTheSubmissionAndSaysHowManyNeedAFix() throws {
        var form = try form(), status = ""
        _ = form.update(.key(.character("x")), Self.env, Self.context, status: &status)
        #expect(form.update(.key(.enter), Self.env, Self.context, status: &status) == .effects([]))
        #expect(status == "1 field(s) need a value or a fix")
        #expect(form.focus == 0)
    }

    @Test func aClickFocusesAFieldUnlessTheEditorIsOpen() throws {
        var form = try form("sd15/txt2img"), status = ""
        let prompt = try #require(form.fields.firstIndex { $0.name == "prompt" })
        let other = prompt == 0 ? 1 : 0
        _ = form.update(.click(field: prompt), Self.env, Self.context, status: &status)
        #expect(form.focus == prompt)
        _ = form.update(.key(.control("o")), Self.env, Self.context, status: &status)
        #expect(form.editor != nil)
        _ = form.update(.click(field: other), Self.env, Self.context, status: &status)
        #expect(form.focus == prompt)
    }

    @Test func aDrawnSeedReplacesTheTextOfItsField() throws {
        var form = try form(), status = ""
        _ = form.update(.seedDrawn(field: "height", seed: 42), Self.env, Self.context, status: &status)
        #expect(form.fields.first { $0.name == "height" }?.text == "42")
    }
}

/// The picker and the multi-line editor as components of their own: what a key does to them.
@Suite struct FieldEditorComponentTests {
    @Test func thePickerNarrowsMovesPicksAndCloses() {
        var picker = ChoicePicker(field: 0, choices: ["euler", "euler_ancestral", "dpmpp_2m"], current: "dpmpp_2m")
        #expect(picker.selection == "dpmpp_2m")
        #expect(picker.update(.character("e")) == .open)
        #expect(picker.visible == ["euler", "euler_ancestral"])
        #expect(picker.update(.down) == .open)
        #expect(picker.update(.enter) == .picked("euler_ancestral"))
        #expect(picker.update(.escape) == .closed)
        for c in "zzz" { _ = picker.update(.character(c)) }
        #expect(picker.update(.enter) == .closed, "nothing matches: ⏎ only closes")
    }

    @Test func theEditorTakesEnterAsANewLineAndGivesItsTextBackOnEsc() {
        var editor = TextEditor(field: 0, text: "a cat")
        let geometry = TextEditorGeometry(width: 80, height: 24)
        #expect(editor.update(.enter, in: geometry) == .editing)
        #expect(editor.update(.character("b"), in: geometry) == .editing)
        #expect(editor.update(.escape, in: geometry) == .done("a cat\nb"))
    }
}
