import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import RunningHubTestDouble
import Testing

/// The double launchers stop what they started, whether the body returns or throws.
@Suite struct DoubleLauncherTests {
    @Test func aComfyUIDoubleAnswersInsideTheBodyAndIsStoppedWhenItThrows() async throws {
        try await expectStoppedAfterAThrowingBody { body in try await withComfyUIDouble { try await body($0.baseURL) } }
    }

    @Test func aComfyUIDoubleBodysValueIsReturnedAfterTheStop() async throws {
        let url = try await withComfyUIDouble({ $0.seed = 7 }) { server in server.baseURL }
        #expect(url.host == "127.0.0.1")
        #expect(try await !isListening(url))
    }

    @Test func aRunningHubDoubleIsStoppedWhenTheBodyThrows() async throws {
        try await expectStoppedAfterAThrowingBody { body in try await withRunningHubDouble { try await body($0.baseURL) } }
    }

    @Test func theComfyUIDoubleExecutableIsStoppedWhenTheBodyThrows() async throws {
        try await expectStoppedAfterAThrowingBody { body in try await withComfyUIDoubleProcess { try await body($0.baseURL) } }
    }

    @Test func theRunningHubDoubleExecutableStopsAfterTheBody() async throws {
        let (url, listened) = try await withRunningHubDoubleProcess { server in
            (server.baseURL, try await isListening(server.baseURL))
        }
        #expect(listened)
        #expect(try await !isListening(url))
    }

    /// `launch` starts a server and hands its URL to `body`, which checks it answers and throws; then nothing may
    /// answer there.
    private func expectStoppedAfterAThrowingBody(_ launch: (_ body: (URL) async throws -> Void) async throws -> Void) async throws {
        var url: URL?
        await expectPlannedFailure {
            try await launch { served in
                url = served
                #expect(try await isListening(served))
                throw PlannedFailure()
            }
        }
        #expect(try await !isListening(try #require(url)))
    }
}
