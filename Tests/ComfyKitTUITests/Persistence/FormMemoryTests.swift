import Foundation
import Testing
@testable import ComfyKitTUI

@Suite struct FormMemoryTests {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("form-memory-\(UUID().uuidString)/comfykit")

    @Test func nothingIsRememberedBeforeTheFirstSave() {
        #expect(FormMemory(directory: directory).load().isEmpty)
    }

    @Test func savedValuesAreKeyedByAbsolutePathAndKeepOtherWorkflows() throws {
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let memory = FormMemory(directory: directory)
        try memory.remember(["prompt": "a cat", "seed": "7"], for: "/w/a.json")
        try memory.remember(["prompt": "猫"], for: "/w/sub/../b.json")
        let values = memory.load()
        #expect(values["/w/a.json"] == ["prompt": "a cat", "seed": "7"])
        #expect(values["/w/b.json"] == ["prompt": "猫"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["forms.json"], "the temporary file is renamed over forms.json")
    }

    @Test func aCorruptFileIsTreatedAsEmptyAndReplacedOnSave() throws {
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: directory.appendingPathComponent("forms.json"))
        let memory = FormMemory(directory: directory)
        #expect(memory.load().isEmpty)
        try memory.remember(["width": "512"], for: "/w/a.json")
        #expect(memory.load() == ["/w/a.json": ["width": "512"]])
    }

    @Test func theStateDirectoryFollowsXDGStateHome() {
        #expect(FormMemory.standardDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/comfykit")
        #expect(FormMemory.standardDirectory(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]).path
            == "/h/.local/state/comfykit")
    }

    @Test func submittingAFormRemembersItsTextsAndReopeningPrefillsThem() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("no-model/solid_color", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let path = try #require(state.currentForm?.workflowPath)
        let name = try #require(state.currentForm?.fields.first?.name)
        state.forms[path]?.fields[0].text = "123"
        _ = Fixtures.press(.enter, in: &state)
        #expect(state.rememberedForms[path]?[name] == "123")

        var fresh = try Fixtures.loadedState()
        fresh.rememberedForms = [path: [name: "123", "gone": "x"]]
        Fixtures.select("no-model/solid_color", in: &fresh)
        _ = Fixtures.press(.enter, in: &fresh)
        #expect(fresh.currentForm?.fields.first?.text == "123")
        #expect(fresh.currentForm?.fields.contains { $0.name == "gone" } == false)
    }
}
