import ComfyKit
import Foundation
import RunningHubTestDouble
import Testing

/// `comfykit run 1987` and `comfykit inspect 1987` with `RUNNINGHUB_API_KEY`, as a user runs them.
@Suite struct RunningHubCommandTests {
    /// A double whose tasks start running at once and finish at the first poll, so the CLI's 2 s poll interval costs nothing.
    func withDouble(_ configure: (inout RunningHubDoubleConfiguration) -> Void = { _ in }, _ body: (RunningHubDouble, [String: String]) async throws -> Void) async throws {
        var configuration = RunningHubDoubleConfiguration()
        configuration.workflows["1987"] = CloudWorkflow.text
        configuration.initialStatus = "RUNNING"
        configuration.phases = []
        configure(&configuration)
        let double = try await RunningHubDouble.start(configuration)
        let environment = ["RUNNINGHUB_BASE_URL": double.baseURL.absoluteString, "RUNNINGHUB_API_KEY": RunningHubHarness.key, "RUNNINGHUB_TIMEOUT": ""]
        do {
            try await body(double, environment)
        } catch {
            await double.shutdown()
            throw error
        }
        await double.shutdown()
    }

    @Test func runByIdPrintsTheOutputsAndExits0() async throws {
        try await withDouble { double, environment in
            let output = try await CommandRunner.run("comfykit", ["run", "1987", "-p", "prompt=a red fox", "-p", "seed=42"], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("completed prompt 19102467547538964") == true)
            #expect(lines.contains("cover (image): \(double.baseURL.absoluteString)/cdn/output/ComfyUI_00033_hpgko_1742822929.png"))
            #expect(output.stderr.contains("submitted prompt"))
            let list = try await RunningHubHarness.nodeInfoList(double)
            #expect(list.contains(["nodeId": "6", "fieldName": "text", "fieldValue": "a red fox"]))
            #expect(list.contains(["nodeId": "3", "fieldName": "seed", "fieldValue": 42]))
            #expect(!(output.stdout + output.stderr).contains(RunningHubHarness.key))
        }
    }

    @Test func aRunningHubStubFileRunsLikeItsId() async throws {
        let stub = FileManager.default.temporaryDirectory.appendingPathComponent("rh-cli-stub-\(UUID().uuidString).json")
        try Data(#"{"_source": "runninghub", "workflow_id": "1987"}"#.utf8).write(to: stub)
        defer { try? FileManager.default.removeItem(at: stub) }
        try await withDouble { _, environment in
            let output = try await CommandRunner.run("comfykit", ["run", "--json", stub.path, "-p", "prompt=a dog"], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let last = try JSONValue(parsing: String(try #require(output.stdout.split(separator: "\n").last)))
            #expect(last["event"] == "finished")
            #expect(last["result"]?["status"] == "completed")
        }
    }

    @Test func aFailedTaskExits1WithNodeAndReason() async throws {
        try await withDouble({ $0.ending = .failure(failedReason: RunningHubDoubleConfiguration.documentedFailedReason) }) { _, environment in
            let output = try await CommandRunner.run("comfykit", ["run", "1987", "-p", "prompt=a dog"], environment: environment)
            #expect(output.status == 1)
            #expect(output.stderr.contains("Error: node 276 (SONIC_PreData): TypeError: SONIC_PreData.sampler_main() missing 2 required positional arguments"))
        }
    }

    @Test func inspectByIdListsTheCloudWorkflowsParams() async throws {
        try await withDouble { _, environment in
            let output = try await CommandRunner.run("comfykit", ["inspect", "--json", "1987"], environment: environment)
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
                let output = try await CommandRunner.run("comfykit", arguments, environment: noKey)
                #expect(output.status == 1)
                #expect(output.stderr.contains("set RUNNINGHUB_API_KEY"))
            }
            #expect(await double.calls().isEmpty)
        }
    }

    @Test func aMissingRequiredParamFailsBeforeAnyTaskIsCreated() async throws {
        try await withDouble { double, environment in
            let output = try await CommandRunner.run("comfykit", ["run", "1987"], environment: environment)
            #expect(output.status == 1)
            #expect(output.stderr.contains("Required parameter 'prompt' is missing"))
            #expect(await double.calls(to: "/task/openapi/create").isEmpty)
        }
    }
}
