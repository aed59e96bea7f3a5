import ComfyKit
import ComfyKitTesting
import Foundation
import RunningHubTestDouble
import Testing

/// `comfykit run 1987` and `comfykit inspect 1987` with `RUNNINGHUB_API_KEY`, as a user runs them.
@Suite struct RunningHubCommandTests {
    /// A double whose tasks start running at once and finish at the first poll, so the CLI's 2 s poll interval costs nothing.
    func withDouble(_ configure: (inout RunningHubDoubleConfiguration) -> Void = { _ in }, _ body: (RunningHubDouble, [String: String]) async throws -> Void) async throws {
        try await withRunningHubDouble({
            $0.workflows[RunningHubFixtures.workflowID] = RunningHubFixtures.cloudWorkflow
            $0.initialStatus = "RUNNING"
            $0.phases = []
            configure(&$0)
        }) { double in
            try await body(double, ["RUNNINGHUB_BASE_URL": double.baseURL.absoluteString, "RUNNINGHUB_API_KEY": RunningHubFixtures.apiKey, "RUNNINGHUB_TIMEOUT": ""])
        }
    }

    @Test func runByIdPrintsTheOutputsAndExits0() async throws {
        try await withDouble { double, environment in
            let output = try await Subprocess.run(product: "comfykit", ["run", "1987", "-p", "prompt=a red fox", "-p", "seed=42"], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("completed prompt 19102467547538964") == true)
            #expect(lines.contains("cover (image): \(double.baseURL.absoluteString)/cdn/output/ComfyUI_00033_hpgko_1742822929.png"))
            #expect(output.stderr.contains("submitted prompt"))
            let create = try #require(await double.calls(to: "/task/openapi/create").first)
            let list = try JSONValue(parsing: create.body)["nodeInfoList"]?.arrayValue ?? []
            #expect(list.contains(["nodeId": "6", "fieldName": "text", "fieldValue": "a red fox"]))
            #expect(list.contains(["nodeId": "3", "fieldName": "seed", "fieldValue": 42]))
            #expect(!(output.stdout + output.stderr).contains(RunningHubFixtures.apiKey))
        }
    }

    @Test func aRunningHubStubFileRunsLikeItsId() async throws {
        try await withTemporaryDirectory("rh-cli-stub") { folder in
            try await runTheStub(in: folder)
        }
    }

    private func runTheStub(in folder: URL) async throws {
        let stub = folder.appendingPathComponent("stub.json")
        try Data(#"{"_source": "runninghub", "workflow_id": "1987"}"#.utf8).write(to: stub)
        try await withDouble { _, environment in
            let output = try await Subprocess.run(product: "comfykit", ["run", "--json", stub.path, "-p", "prompt=a dog"], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let last = try JSONValue(parsing: String(try #require(output.stdout.split(separator: "\n").last)))
            #expect(last["event"] == "finished")
            #expect(last["result"]?["status"] == "completed")
        }
    }

    @Test func aFailedTaskExits1WithNodeAndReason() async throws {
        try await withDouble({ $0.ending = .failure(failedReason: RunningHubDoubleConfiguration.documentedFailedReason) }) { _, environment in
            let output = try await Subprocess.run(product: "comfykit", ["run", "1987", "-p", "prompt=a dog"], environment: environment)
            #expect(output.status == 1)
            #expect(output.stderr.contains("Error: node 276 (SONIC_PreData): TypeError: SONIC_PreData.sampler_main() missing 2 required positional arguments"))
        }
    }

    @Test func inspectByIdListsTheCloudWorkflowsParams() async throws {
        try await withDouble { _, environment in
            let output = try await Subprocess.run(product: "comfykit", ["inspect", "--json", "1987"], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let spec = try JSONValue(parsing: output.stdout)
            let names = spec["params"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["seed", "prompt", "negative", "image", "ref"])
        }
    }

    @Test func withoutAKeyTheCommandsSayWhichVariableToSet() async throws {
        try await withDouble { double, environment in
            var noKey = environment
            noKey["RUNNINGHUB_API_KEY"] = ""
            for arguments in [["inspect", "1987"], ["run", "1987", "-p", "prompt=x"]] {
                let output = try await Subprocess.run(product: "comfykit", arguments, environment: noKey)
                #expect(output.status == 1)
                #expect(output.stderr.contains("set RUNNINGHUB_API_KEY"))
            }
            #expect(await double.calls().isEmpty)
        }
    }

    @Test func aMissingRequiredParamFailsBeforeAnyTaskIsCreated() async throws {
        try await withDouble { double, environment in
            let output = try await Subprocess.run(product: "comfykit", ["run", "1987"], environment: environment)
            #expect(output.status == 1)
            #expect(output.stderr.contains("Required parameter 'prompt' is missing"))
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
        }
    }
}
