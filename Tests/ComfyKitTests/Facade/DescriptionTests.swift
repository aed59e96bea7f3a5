import ComfyKit
import ComfyUITestDouble
import Foundation
import Testing

/// What users print: one short line per value, never a byte dump.
@Suite struct DescriptionTests {
    @Test func everyEventOfARunWithPreviewsPrintsAsOneShortLine() async throws {
        try await DoubleHarness.with { _, kit in
            let (events, outcome) = await DoubleHarness.collect(kit.run(.file(path: Fixtures.workflowPath("10_progress_websocket_images"))))
            #expect(outcome.result.status == .completed)
            #expect(events.contains { if case .preview = $0 { true } else { false } })
            for event in events {
                let line = "\(event)"
                #expect(line.count <= 200, "\(line.prefix(300))")
                #expect(!line.contains("\n"))
            }
            let printed = events.map { "\($0)" }.joined(separator: "\n")
            #expect(printed.utf8.count < 4_096, "all events of the run printed \(printed.utf8.count) bytes")
        }
    }

    @Test func aPreviewSaysItsFormatSizeAndNode() {
        let preview = Preview(format: .jpeg, promptID: "p", nodeID: "3", bytes: [UInt8](repeating: 0xFF, count: 38_387))
        #expect("\(RunEvent.preview(preview))" == "preview jpeg 38387 bytes, node 3")
    }

    @Test func resultsStatusesJSONAndParamsPrintAsTheyRead() {
        var result = ExecuteResult(status: .completed, promptID: "5d0c1e2f-0000-4000-8000-000000000000", duration: 11.2)
        result.imagesByVar = ["image": ["http://127.0.0.1:8188/view?filename=a.png", "http://127.0.0.1:8188/view?filename=b.png"]]
        #expect("\(result)" == "completed 5d0c1e2f… in 11.20 s: 2 images")
        #expect("\(ExecuteResult.failure("param `width`: expected an int"))" == "error: param `width`: expected an int")
        #expect("\(RunStatus.completed)" == "completed")
        let json: JSONValue = ["seed": 42, "prompt": "a fox", "list": [1, 2]]
        #expect("\(json)" == #"{"seed":42,"prompt":"a fox","list":[1,2]}"#)
        #expect("\(ParamValue.string("a fox"))" == #""a fox""#)
        #expect("\(ParamValue.int(20))" == "20")
    }

    @Test func failuresAreLocalizedErrorsWithTheirOwnMessage() {
        let failures: [any Error] = [
            RunFailure.interrupted(node: "4"),
            ComfyUIError.unreachable(server: "http://127.0.0.1:1", reason: "connection refused"),
            RunningHubError.missingAPIKey(site: "https://www.runninghub.ai"),
            WorkflowError.fileNotFound(path: "/nope.json"),
        ]
        for failure in failures {
            #expect(failure.localizedDescription == "\(failure)")
            #expect(!failure.localizedDescription.contains("could not be completed"))
        }
    }
}

/// Swift types beside the Python-shaped result fields.
@Suite struct ResultSwiftTypesTests {
    @Test func outputsAreURLsAndTheDurationADuration() {
        var result = ExecuteResult(status: .completed, promptID: "p", duration: 11.2)
        result.imagesByVar = ["image": ["http://127.0.0.1:8188/view?filename=a%20b.png&type=output"]]
        #expect(result.imageURLs == [URL(string: "http://127.0.0.1:8188/view?filename=a%20b.png&type=output")!])
        #expect(result.elapsed == .milliseconds(11_200))
        #expect(ExecuteResult.failure("x").elapsed == nil)
    }
}
