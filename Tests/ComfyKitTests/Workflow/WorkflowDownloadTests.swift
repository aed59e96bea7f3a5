import ComfyKit
import ComfyKitTesting
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// URL workflows: downloaded from a real HTTP server on 127.0.0.1, with limits and no credentials.
@Suite struct WorkflowDownloadTests {
    actor Seen {
        var requests: [HTTPFields] = []
        func add(_ fields: HTTPFields) { requests.append(fields) }
    }

    func router(_ seen: Seen) throws -> Router<BasicRequestContext> {
        let router = Router()
        let workflow = try String(contentsOfFile: Fixtures.workflowPath("09_text_output"), encoding: .utf8)
        router.get("wf/flow.json") { request, _ -> String in
            await seen.add(request.headers)
            return workflow
        }
        router.get("big.json") { _, _ -> String in "[" + String(repeating: "1,", count: 1 << 20) + "1]" }
        router.get("broken.json") { _, _ -> String in "{\"1\": {" }
        router.get("slow.json") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "{}"
        }
        return router
    }

    @Test func aURLWorkflowIsDownloadedWithoutCredentials() async throws {
        let seen = Seen()
        try await withLocalHTTPServer(try router(seen)) { base in
            let document = try await WorkflowLoader().load(WorkflowSource(argument: base.absoluteString + "/wf/flow.json"))
            guard case .workflow(let workflow) = document else { Issue.record("not a workflow"); return }
            #expect(workflow.name == "flow")
            #expect(try WorkflowSpec(workflow).params.map(\.name) == ["text", "suffix", "number"])
        }
        let headers = await seen.requests
        #expect(headers.count == 1)
        #expect(headers.first?[.authorization] == nil)
        #expect(headers.first?[.cookie] == nil)
    }

    @Test func anHTTPErrorNamesTheURLAndStatus() async throws {
        try await withLocalHTTPServer(try router(Seen())) { base in
            await #expect(throws: WorkflowError.download(url: base.absoluteString + "/wf/404.json", problem: "HTTP 404 Not Found")) {
                _ = try await WorkflowLoader().download(base.appendingPathComponent("wf/404.json"))
            }
        }
    }

    @Test func anOversizedDownloadIsRefused() async throws {
        try await withLocalHTTPServer(try router(Seen())) { base in
            await #expect {
                _ = try await WorkflowLoader(maxBytes: 1 << 20).download(base.appendingPathComponent("big.json"))
            } throws: { error in
                "\(error)".contains("over the 1048576-byte limit")
            }
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        try await withLocalHTTPServer(try router(Seen())) { base in
            let started = ContinuousClock.now
            await #expect {
                _ = try await WorkflowLoader(downloadTimeout: .milliseconds(300)).download(base.appendingPathComponent("slow.json"))
            } throws: { error in
                "\(error)".contains("no complete answer within")
            }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func invalidJSONFromAURLNamesTheURLLineAndColumn() async throws {
        try await withLocalHTTPServer(try router(Seen())) { base in
            await #expect {
                _ = try await WorkflowLoader().download(base.appendingPathComponent("broken.json"))
            } throws: { error in
                "\(error)" == "\(base.absoluteString)/broken.json: invalid JSON: unexpected end of file in an object, expected a key (line 1, column 8)"
            }
        }
    }

    @Test func anUnreachableHostIsAnError() async throws {
        await #expect(throws: WorkflowError.self) {
            _ = try await WorkflowLoader(downloadTimeout: .seconds(2)).download(URL(string: "http://127.0.0.1:1/flow.json")!)
        }
    }

    @Test func credentialsInTheURLAreNotShownInErrors() async throws {
        try await withLocalHTTPServer(try router(Seen())) { base in
            let url = URL(string: base.absoluteString.replacingOccurrences(of: "http://", with: "http://user:hunter2@") + "/nope.json?token=abc")!
            await #expect {
                _ = try await WorkflowLoader().download(url)
            } throws: { error in
                !"\(error)".contains("hunter2") && !"\(error)".contains("token=abc")
            }
        }
    }
}
