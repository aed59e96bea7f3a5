import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// `comfykit servers` and `--server NAME`: the named servers of servers.toml, as a user lists and uses them.
@Suite struct ServersCommandTests {
    private func writeServersFile(_ text: String, in sandbox: RunsCommandTests.Sandbox) throws {
        let folder = sandbox.root.appendingPathComponent("config/comfykit")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("servers.toml"))
    }

    @Test func serversListsEachNamedServerUpOrDownWithItsQueueAndNeverItsCredentials() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            try await withComfyUIDouble { up in
                let closed = try await withComfyUIDouble { $0.baseURL }
                try writeServersFile("""
                    default = ["gpu"]
                    [servers.gpu]
                    url = "\(up.baseURL.absoluteString)"
                    api_key = "sk-listed-secret"
                    [servers.gone]
                    url = "\(closed.absoluteString)"
                    cookies = "session=cookie-secret"
                    """, in: sandbox)
                let table = try await sandbox.comfykit(["servers"])
                #expect(table.status == 0, "\(table.stderr)")
                let lines = table.stdout.split(separator: "\n").map(String.init)
                let gpu = try #require(lines.first { $0.contains("gpu") })
                let gone = try #require(lines.first { $0.contains("gone") })
                #expect(gpu.contains("● gpu *") && gpu.contains("0 queued") && gpu.contains("api key"), "\(gpu)")
                #expect(gone.contains("○ gone") && gone.contains("down: connection refused") && gone.contains("cookies"), "\(gone)")
                let json = try await sandbox.comfykit(["servers", "--json"])
                let objects = try json.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
                #expect(objects.map { $0["name"]?.stringValue } == ["gone", "gpu"])
                #expect(objects.map { $0["up"] } == [false, true])
                #expect(objects[1]["queue"]?.intValue == 0 && objects[1]["default"] == true)
                for output in [table, json] {
                    #expect(!(output.stdout + output.stderr).contains("listed-secret") && !(output.stdout + output.stderr).contains("cookie-secret"))
                }
            }
        }
    }

    @Test func runTakesANamedServerAndSendsItsKeyThereOnly() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            try await withComfyUIDouble { box in
                try writeServersFile("""
                    [servers.box]
                    url = "\(box.baseURL.absoluteString)"
                    api_key = "sk-box-secret"
                    """, in: sandbox)
                let output = try await sandbox.comfykit(
                    ["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi", "-p", "number=2", "--server", "box"])
                #expect(output.status == 0, "\(output.stderr)")
                #expect(!(output.stdout + output.stderr).contains("sk-box-secret"))
                let posts = await box.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }
                #expect(posts.count == 1)
                #expect(posts.allSatisfy { $0.headers.contains { $0.name.lowercased() == "authorization" && $0.value == "Bearer sk-box-secret" } })
            }
        }
    }

    @Test func aBadServersFileIsAUsageErrorNamingItsLine() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            try writeServersFile("[servers.a]\nurl = \"http://a\"\nkey = \"sk-typo-secret\"\n", in: sandbox)
            let output = try await sandbox.comfykit(["servers"])
            #expect(output.status == 2)
            #expect(output.stderr.contains("servers.toml, line 3: unknown key servers.a.key"), "\(output.stderr)")
            #expect(!output.stderr.contains("sk-typo-secret"))
        }
    }
}
