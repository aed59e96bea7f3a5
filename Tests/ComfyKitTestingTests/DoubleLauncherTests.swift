import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import RunningHubTestDouble
import Testing

/// The double launchers stop what they started, whether the body returns or throws.
@Suite struct DoubleLauncherTests {
    @Test func aComfyUIDoubleAnswersInsideTheBodyAndIsStoppedWhenItThrows() async throws {
        var url: URL?
        await expectPlannedFailure {
            try await withComfyUIDouble { server in
                url = server.baseURL
                #expect(try await isListening(server.baseURL))
                throw PlannedFailure()
            }
        }
        #expect(try await !isListening(try #require(url)))
    }

    @Test func aComfyUIDoubleBodysValueIsReturnedAfterTheStop() async throws {
        let url = try await withComfyUIDouble({ $0.seed = 7 }) { server in server.baseURL }
        #expect(url.host == "127.0.0.1")
        #expect(try await !isListening(url))
    }

    @Test func aRunningHubDoubleIsStoppedWhenTheBodyThrows() async throws {
        var url: URL?
        await expectPlannedFailure {
            try await withRunningHubDouble { server in
                url = server.baseURL
                #expect(try await isListening(server.baseURL))
                throw PlannedFailure()
            }
        }
        #expect(try await !isListening(try #require(url)))
    }

    @Test func theComfyUIDoubleExecutableIsStoppedWhenTheBodyThrows() async throws {
        var url: URL?
        await expectPlannedFailure {
            try await withComfyUIDoubleProcess { server in
                url = server.baseURL
                #expect(try await isListening(server.baseURL.appendingPathComponent("system_stats")))
                throw PlannedFailure()
            }
        }
        #expect(try await !isListening(try #require(url)))
    }

    @Test func theRunningHubDoubleExecutableStopsAfterTheBody() async throws {
        let (url, listened) = try await withRunningHubDoubleProcess { server in
            (server.baseURL, try await isListening(server.baseURL))
        }
        #expect(listened)
        #expect(try await !isListening(url))
    }
}
