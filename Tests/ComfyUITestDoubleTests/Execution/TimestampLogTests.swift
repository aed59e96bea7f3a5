import Foundation
import Testing
@testable import ComfyUITestDouble

/// The benchmark knobs: a per-prompt start/finish log on the monotonic clock, and progress steps kept to
/// a schedule so sub-millisecond intervals give their rate.
@Suite struct TimestampLogTests {
    @Test func eachPromptGetsAStartedThenFinishedLineOnTheMonotonicClock() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("double-timestamps-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let before = TimestampLog.monotonicNanoseconds()
        let ids = try await withDouble({ $0.timestampLog = log }) { double, _ in
            var ids: [String] = []
            for _ in 0..<2 { ids.append(try await run(try Recordings.workflow("01_empty_image_save"), on: double).promptID) }
            return ids
        }
        let after = TimestampLog.monotonicNanoseconds()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.map { [$0[0], $0[1]] } == ids.flatMap { [["started", $0], ["finished", $0]] })
        let times = lines.compactMap { UInt64($0[2]) }
        #expect(times.count == 4)
        #expect(times == times.sorted())
        #expect(times.allSatisfy { (before...after).contains($0) })
    }

    @Test func halfMillisecondStepsRunAtTwoThousandPerSecond() async throws {
        let steps = 400
        let elapsed = try await withDouble({
            $0.progressSteps[.classType("EmptyImage")] = steps
            $0.progressStepInterval = .microseconds(500)
        }) { double, _ in
            let start = ContinuousClock.now
            let outcome = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            #expect(outcome.events("progress").count == steps)
            return ContinuousClock.now - start
        }
        // 400 steps at 0.5 ms are at least 200 ms.
        #expect(elapsed >= .milliseconds(200))
        #expect(elapsed < .seconds(5))  // generous: CI shares 2 cores with builds
    }
}
