import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Media fields: what the text refers to, Tab completion of local paths (shell-like), and Tab's usual move elsewhere.
@Suite struct MediaFieldTests {
    typealias F = ServerInputFixtures

    /// A folder with `cat.png`, `car.png`, `dog.png`, a `cats/` folder and a hidden `.secret`.
    private func withFolder(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ck-tab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cats"), withIntermediateDirectories: true)
        for name in ["cat.png", "car.png", "dog.png", ".secret", "cats/tabby.png"] {
            try Data("x".utf8).write(to: dir.appendingPathComponent(name))
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir.path)
    }

    /// The upscale workflow's form with its media field focused and `text` typed into it.
    private func mediaForm(typing text: String) throws -> AppState {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/invert_scale_blur", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        F.focus("image", in: &state)
        Fixtures.type(text, in: &state)
        return state
    }

    /// Presses Tab and, like the runtime, answers a directory read with the real folder's entries.
    private func tab(_ state: inout AppState) {
        for effect in Fixtures.press(.tab, in: &state) {
            guard case .completePath(let path, let field, let text) = effect else { continue }
            _ = update(&state, .pathCandidates(workflowPath: path, field: field, text: text, candidates: PathLister.candidates(for: text)))
        }
    }

    @Test func theListerMatchesThePrefixSortsAndMarksFolders() throws {
        try withFolder { dir in
            #expect(PathLister.candidates(for: dir + "/ca").map(\.completion) == ["car.png", "cat.png", "cats/"])
            #expect(PathLister.candidates(for: dir + "/").map(\.name) == ["car.png", "cat.png", "cats", "dog.png"])
            #expect(PathLister.candidates(for: dir + "/.s").map(\.name) == [".secret"])
            #expect(PathLister.candidates(for: dir + "/nope/x").isEmpty)
            #expect(PathLister.candidates(for: "~/ca", home: dir).map(\.name) == ["car.png", "cat.png", "cats"])
        }
    }

    @Test func theCommonPrefixIsCompletedThenTabCyclesTheCandidates() throws {
        try withFolder { dir in
            var state = try mediaForm(typing: dir + "/c")
            tab(&state)
            #expect(F.field("image", in: state)?.text == dir + "/ca")
            #expect(state.status == "car.png  cat.png  cats/")
            tab(&state)
            #expect(F.field("image", in: state)?.text == dir + "/car.png")
            tab(&state)
            #expect(F.field("image", in: state)?.text == dir + "/cat.png")
            tab(&state)
            tab(&state)
            #expect(F.field("image", in: state)?.text == dir + "/car.png")
            #expect(F.field("image", in: state)?.hint == "local file, uploaded")
            #expect(state.currentForm?.fields[state.currentForm!.focus].name == "image")
        }
    }

    @Test func aUniqueMatchCompletesAFolderWithItsSlashThenTabMovesOnFromAWholeFile() throws {
        try withFolder { dir in
            var state = try mediaForm(typing: dir + "/cats")
            tab(&state)
            // "cats" is a folder and also the prefix of nothing else: in it goes.
            #expect(F.field("image", in: state)?.text == dir + "/cats/")
            tab(&state)
            #expect(F.field("image", in: state)?.text == dir + "/cats/tabby.png")
            #expect(F.field("image", in: state)?.error == nil)
            tab(&state)
            #expect(state.currentForm?.fields[state.currentForm!.focus].name == "width")
        }
    }

    @Test func aPathThatNamesNoFileIsAnInlineErrorAndTabSaysSo() throws {
        try withFolder { dir in
            var state = try mediaForm(typing: dir + "/zebra")
            #expect(F.field("image", in: state)?.error == "no such file: \(dir)/zebra")
            #expect(F.field("image", in: state)?.hint == "no such file")
            tab(&state)
            #expect(state.status == "nothing matches \(dir)/zebra")
            #expect(state.currentForm?.fields[state.currentForm!.focus].name == "image")
        }
    }

    @Test func tabMovesToTheNextFieldWhenTheTextIsAURLOrAServerFilename() throws {
        var state = try mediaForm(typing: "https://example.com/a.png")
        #expect(F.field("image", in: state)?.hint == "URL, fetched and uploaded")
        #expect(Fixtures.press(.tab, in: &state).isEmpty)
        #expect(state.currentForm?.fields[state.currentForm!.focus].name == "width")
        state = try mediaForm(typing: "photo.png")
        #expect(F.field("image", in: state)?.hint == "file on the server")
        #expect(keyHints(for: state).contains { $0.key == "/ ./ ~/" })
        _ = Fixtures.press(.tab, in: &state)
        #expect(state.currentForm?.fields[state.currentForm!.focus].name == "width")
    }

    @Test func anAnswerForTextThatChangedMeanwhileIsIgnored() throws {
        try withFolder { dir in
            var state = try mediaForm(typing: dir + "/c")
            let effects = Fixtures.press(.tab, in: &state)
            Fixtures.type("a", in: &state)
            for case .completePath(let path, let field, let text) in effects {
                _ = update(&state, .pathCandidates(workflowPath: path, field: field, text: text, candidates: PathLister.candidates(for: text)))
            }
            #expect(F.field("image", in: state)?.text == dir + "/ca")
            #expect(keyHints(for: state).contains { $0.key == "Tab" && $0.action == "complete path" })
        }
    }

    @Test func theFormRowShowsWhatTheMediaTextIs() throws {
        let state = try mediaForm(typing: "https://example.com/a.png")
        let row = F.lines(state).first { $0.contains("image") } ?? ""
        #expect(row.contains("media") && row.contains("URL, fetched and uploaded"))
    }
}
