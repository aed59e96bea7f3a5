import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Testing

/// `comfykit run … --vary … --server A --server B`: a sweep routed over several doubles, as a user runs it.
@Suite struct SweepCommandTests {
    private func posts(_ double: RunningDouble) async -> Int {
        await double.recordedRequests().filter { $0.route == "/prompt" && $0.method == "POST" }.count
    }

    @Test func aSweepOfSixPromptsOverTwoServersCompletesEachOnceAndUsesBoth() async throws {
        try await withTemporaryDirectory("ck-sweep") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            try await withComfyUIDouble { one in
                try await withComfyUIDouble { two in
                    let output = try await sandbox.comfykit([
                        "run", "--json", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi", "--vary", "number=1..3", "--count", "2",
                        "--server", one.baseURL.absoluteString, "--server", two.baseURL.absoluteString,
                    ])
                    #expect(output.status == 0, "\(output.stderr)")
                    // 09_text_output has no seed: the count's repeats are the same prompt, which ComfyUI would not run twice.
                    #expect(output.stderr.contains("Warning: --count 2 sends each prompt 2 times with the same values (the workflow has no seed "
                        + "param to change): ComfyUI runs it once and answers the repeats from its cache"), "\(output.stderr)")
                    let prompts = try output.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
                    #expect(prompts.compactMap { $0["index"]?.intValue }.sorted() == Array(0..<6))
                    #expect(prompts.allSatisfy { $0["status"] == "completed" }, "\(prompts)")
                    #expect(prompts.compactMap { $0["values"]?["number"]?.intValue }.sorted() == [1, 1, 2, 2, 3, 3])
                    let texts = prompts.compactMap { $0["outputs"]?["texts_by_var"]?["number"]?.arrayValue?.first?.stringValue }
                    #expect(texts.sorted() == ["1", "1", "2", "2", "3", "3"])
                    let servers = prompts.compactMap { $0["server"]?.stringValue }
                    let names = [one, two].map { $0.baseURL.absoluteString }
                    let counts = names.map { name in servers.filter { $0 == name }.count }
                    #expect(counts.allSatisfy { $0 > 0 }, "\(servers)")
                    let sent = [await posts(one), await posts(two)]
                    #expect(sent == counts)
                    // Each prompt is in the run history, where it ran.
                    let runs = try await sandbox.runs([])
                    #expect(runs.count == 6)
                    let recorded = Set(runs.compactMap { $0["id"]?.stringValue })
                    #expect(recorded == Set(prompts.compactMap { $0["run"]?.stringValue }))
                    #expect(runs.map { $0["server"]?.stringValue ?? "" }.sorted() == servers.sorted())
                    #expect(runs.allSatisfy { $0["status"] == "completed" })
                }
            }
        }
    }

    @Test func downloadSavesEachCompletedPromptsOutputsUnderItsNumberAndRecordsThem() async throws {
        try await withTemporaryDirectory("ck-sweep") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            let out = root.appendingPathComponent("out")
            try await withComfyUIDouble { double in
                let output = try await sandbox.comfykit([
                    "run", "--json", SharedFixtures.workflow("01_empty_image_save").path, "-p", "width=64", "-p", "height=48",
                    "--vary", "color=255,65280", "--server", double.baseURL.absoluteString, "--download", out.path,
                ])
                #expect(output.status == 0, "\(output.stderr)")
                for number in ["1", "2"] {
                    let saved = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(number).path)
                    #expect(saved.count == 1 && saved.allSatisfy { $0.hasSuffix(".png") }, "\(number): \(saved)")
                }
                for run in try await sandbox.runs([]) {
                    let id = try #require(run["id"]?.stringValue)
                    let shown = try await sandbox.comfykit(["runs", "show", "--json", id])
                    let downloads = try JSONValue(parsing: shown.stdout)["downloads"]?.arrayValue ?? []
                    #expect(downloads.count == 1 && downloads.allSatisfy { $0.stringValue?.hasPrefix(out.path) == true }, "\(shown.stdout)")
                }
            }
        }
    }

    @Test func aCommaListInCOMFYUI_BASE_URLIsSeveralServersAndTheTableShowsEachPrompt() async throws {
        try await withTemporaryDirectory("ck-sweep") { root in
            let sandbox = RunsCommandTests.Sandbox(root: root)
            try await withComfyUIDouble { one in
                try await withComfyUIDouble { two in
                    let list = [one, two].map { $0.baseURL.absoluteString }.joined(separator: ",")
                    let output = try await sandbox.comfykit(
                        ["run", SharedFixtures.workflow("09_text_output").path, "-p", "text=hi", "--vary", "number=5,6", "--count", "2", "--no-history"],
                        extra: ["COMFYUI_BASE_URL": list])
                    #expect(output.status == 0, "\(output.stderr)")
                    let lines = output.stdout.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
                    #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["#", "number", "status", "server", "outputs"])
                    #expect(lines.dropFirst().filter { $0.contains("completed") }.count == 4, "\(output.stdout)")
                    let sent = [await posts(one), await posts(two)]
                    #expect(sent.reduce(0, +) == 4 && sent.allSatisfy { $0 > 0 }, "\(sent)")
                }
            }
        }
    }

    @Test(arguments: [
        ("09_text_output", ["-p", "text=hi", "--vary", "number=1,abc"], #"param `number`: "abc" is not an integer"#),
        ("09_text_output", ["-p", "text=hi", "--vary", "numbr=1,2"], "--vary numbr: the workflow has no param 'numbr'"),
        ("09_text_output", ["-p", "text=hi", "--vary", "number=1", "--seed-mode", "sometimes"], "--seed-mode sometimes: expected fixed, increment or random"),
        ("01_empty_image_save", ["-p", "height=8", "--vary", "width=64,20000"], "--vary width: 20000 is refused by every server: expected a value from"),
    ])
    func aBadVaryIsRefusedBeforeAnythingIsSent(workflow: String, arguments: [String], message: String) async throws {
        try await withComfyUIDouble { one in
            try await withComfyUIDouble { two in
                let output = try await Subprocess.run(product: "comfykit", [
                    "run", SharedFixtures.workflow(workflow).path, "--no-history",
                    "--server", one.baseURL.absoluteString, "--server", two.baseURL.absoluteString,
                ] + arguments)
                #expect(output.status == 2, "\(output.stderr)")
                #expect(output.stderr.contains(message), "\(output.stderr)")
                let sent = await posts(one) + posts(two)
                #expect(sent == 0)
            }
        }
    }
}
