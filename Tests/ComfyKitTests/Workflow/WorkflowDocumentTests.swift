import ComfyKit
import Foundation
import Testing

/// Loading workflow documents: sources, stubs and every kind of malformed file.
@Suite struct WorkflowDocumentTests {
    func parse(_ text: String) throws -> WorkflowDocument {
        try WorkflowDocument.parse(Array(text.utf8), source: "flow.json", name: "flow")
    }

    func message(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func nodesKeepFileOrder() throws {
        guard case .workflow(let wf) = try parse(#"{"10": {"class_type": "A"}, "2": {"class_type": "B"}, "1": {"class_type": "C"}}"#) else { Issue.record("not a workflow"); return }
        #expect(wf.nodes.map(\.id) == ["10", "2", "1"])
        #expect(wf.nodes.map(\.classType) == ["A", "B", "C"])
    }

    @Test func aRunningHubStubRoutesToItsWorkflowID() throws {
        #expect(try parse(#"{"_source": "runninghub", "workflow_id": "1987"}"#) == .runningHub(RunningHubWorkflowID("1987")!, name: "flow"))
        #expect(try parse(#"{"_source": "runninghub", "workflow_id": 1987}"#) == .runningHub(RunningHubWorkflowID("1987")!, name: "flow"))
    }

    @Test func runningHubIDsAreASCIIDigitsOnly() {
        #expect(RunningHubWorkflowID("0012") != nil)
        for bad in ["", "12.5", "-1", " 123", "٠١٢", "²", "12a"] { #expect(RunningHubWorkflowID(bad) == nil, "\(bad)") }
    }

    @Test func sourcesAreDetectedFromAnArgument() {
        #expect(WorkflowSource(argument: "1987") == .runningHub(RunningHubWorkflowID("1987")!))
        #expect(WorkflowSource(argument: "HTTPS://host/wf/flow.json") == .url(URL(string: "HTTPS://host/wf/flow.json")!))
        #expect(WorkflowSource(argument: "²") == .file(path: "²"))
        #expect(WorkflowSource(argument: "12.5") == .file(path: "12.5"))
        #expect(WorkflowSource(argument: "flows/a.json") == .file(path: "flows/a.json"))
    }

    /// Malformed documents, each with its specific error.
    @Test(arguments: [
        ("not json", "flow.json: invalid JSON: invalid literal, expected 'null' (line 1, column 1)"),
        ("{\n  \"1\": {\"class_type\": \"A\",}\n}", "flow.json: invalid JSON: trailing comma in an object (line 2, column 27)"),
        ("[1, 2]", #"flow.json: expected a JSON object of nodes ({"1": {"class_type": …, "inputs": …}}), found a JSON array"#),
        ("\"text\"", #"flow.json: expected a JSON object of nodes ({"1": {"class_type": …, "inputs": …}}), found a JSON string"#),
        ("{}", "flow.json: the workflow has no nodes (Workflow data is missing)"),
        (#"{"1": 5}"#, #"flow.json: node 1: expected an object with "class_type" and "inputs", found a JSON number"#),
        (#"{"1": {"inputs": {}}}"#, #"flow.json: node 1: "class_type" is missing"#),
        (#"{"1": {"class_type": 3}}"#, #"flow.json: node 1: "class_type" must be a non-empty string, found 3"#),
        (#"{"1": {"class_type": ""}}"#, #"flow.json: node 1: "class_type" must be a non-empty string, found "#),
        (#"{"1": {"class_type": "A", "inputs": [1]}}"#, #"flow.json: node 1: "inputs" must be an object, found a JSON array"#),
        (#"{"1": {"class_type": "A", "_meta": "x"}}"#, #"flow.json: node 1: "_meta" must be an object, found a JSON string"#),
        (#"{"1": {"class_type": "A", "_meta": {"title": 5}}}"#, #"flow.json: node 1: "_meta.title" must be a string, found a JSON number"#),
        (#"{"_source": "comfyhub", "workflow_id": "1"}"#, #"flow.json: unsupported "_source" comfyhub (supported: "runninghub")"#),
        (#"{"_source": "runninghub"}"#, #"flow.json: RunningHub workflow file: "workflow_id" is missing"#),
        (#"{"_source": "runninghub", "workflow_id": "abc"}"#, #"flow.json: RunningHub workflow file: "workflow_id" "abc" is not a RunningHub workflow id (ASCII digits only)"#),
        (#"{"_source": "runninghub", "workflow_id": [1]}"#, #"flow.json: RunningHub workflow file: "workflow_id" must be a string of digits, found array"#),
    ])
    func malformedDocumentsGetSpecificErrors(text: String, expected: String) {
        #expect(message(text) == expected)
    }

    @Test func anEditorFormatFileIsReadAsOneAndSaysWhatItNeedsToRun() throws {
        let document = try parse(#"{"last_node_id": 9, "nodes": [{"id": 3, "type": "KSampler"}], "links": [[1, 4, 0, 3, 0, "MODEL"]], "version": 0.4}"#)
        guard case .editor(let editor) = document else { Issue.record("not read as an editor file: \(document)"); return }
        #expect(editor.source == "flow.json")
        #expect(throws: WorkflowError.needsObjectInfo(source: "flow.json", reason: nil)) { try document.localWorkflow() }
        #expect(WorkflowError.needsObjectInfo(source: "flow.json", reason: nil).description.contains("comfykit convert FILE --object-info FILE"))
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: WorkflowError.fileNotFound(path: "/nonexistent/none.json")) {
            _ = try WorkflowLoader().loadFile("/nonexistent/none.json")
        }
    }

    @Test func aDirectoryIsNotAWorkflow() {
        #expect(throws: WorkflowError.unreadable(source: "/tmp", reason: "it is a directory")) {
            _ = try WorkflowLoader().loadFile("/tmp")
        }
    }

    @Test func anOversizedFileIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID()).json").path
        try Data(repeating: 0x20, count: 2048).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: WorkflowError.unreadable(source: path, reason: "larger than 1024 bytes")) {
            _ = try WorkflowLoader(maxBytes: 1024).loadFile(path)
        }
    }

    @Test func inMemoryJSONIsAWorkflowSource() async throws {
        let json: JSONValue = ["1": ["class_type": "EmptyImage", "inputs": ["width": 64], "_meta": ["title": "$width"]]]
        guard case .workflow(let wf) = try await WorkflowLoader().load(.json(json, name: "mem")) else { Issue.record("not a workflow"); return }
        #expect(try WorkflowSpec(wf).params.map(\.name) == ["width"])
    }

    @Test func everySharedWorkflowLoads() throws {
        for name in Fixtures.allWorkflowNames {
            #expect(throws: Never.self) { _ = try Fixtures.workflow(name) }
        }
    }
}
