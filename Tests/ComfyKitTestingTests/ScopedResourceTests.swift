import ComfyKitTesting
import Foundation
import Hummingbird
import Testing

/// The smaller scoped helpers: a local HTTP server, a temporary folder, the cleanup under them all.
@Suite struct ScopedResourceTests {
    @Test func aLocalHTTPServerServesItsRouterAndStopsAfterTheBody() async throws {
        let router = Router()
        router.get("hello") { _, _ in "hi" }
        let url = try await withLocalHTTPServer(router) { base in
            let output = try await Subprocess.run("curl", ["-sf", base.appendingPathComponent("hello").absoluteString])
            #expect(output.stdout == "hi")
            return base
        }
        #expect(try await !isListening(url))
    }

    @Test func aTemporaryDirectoryExistsInsideTheBodyAndIsRemovedWhenItThrows() async throws {
        var folder: URL?
        await expectPlannedFailure {
            try await withTemporaryDirectory("ck-testing") { directory in
                folder = directory
                try Data("x".utf8).write(to: directory.appendingPathComponent("file"))
                throw PlannedFailure()
            }
        }
        let path = try #require(folder).path
        #expect(path.contains("ck-testing-"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func cleanupRunsOnceWhetherTheBodyReturnsOrThrows() async throws {
        var cleanups = 0
        let value = try await withCleanup({ cleanups += 1 }) { 42 }
        await expectPlannedFailure {
            try await withCleanup({ cleanups += 1 }) { throw PlannedFailure() }
        }
        #expect(value == 42 && cleanups == 2)
    }

    @Test func aSubprocessGivesItsStatusStdoutAndStderrApart() async throws {
        let output = try await Subprocess.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(output.status == 3)
        #expect(output.stdout == "out\n")
        #expect(output.stderr == "err\n")
    }

    @Test func theSharedFixturesAreFound() throws {
        #expect(SharedFixtures.workflowNames.contains("01_empty_image_save.json"))
        #expect(FileManager.default.fileExists(atPath: SharedFixtures.media("comfykit_test.png").path))
        #expect(try SharedFixtures.recordedOutputShape("01_empty_image_save") == ["2.images": 1])
    }
}
