import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import Glibc
import Testing
@testable import ComfyKitTUI

/// The real runtime quitting with a run in flight on the double: `c` cancels it on the server and its record
/// says interrupted before the app ends; SIGTERM leaves it running and recorded as in flight.
@Suite(.serialized) struct QuitWithRunsInFlightTests {
    static var steps: [HeadlessSession.Step] { [
        .open("19_long_running_blur_chain"),
        .when("the form", { $0.contains("› width") }, press: [.enter]),
        .when("the run going", { $0.contains("Blur pass") }, press: [.escape, .character("q")]),
        .when("the quit question", { $0.contains("1 run in flight:") }, press: []),
    ] }

    @Test func cCancelsTheRunOnTheServerAndRecordsItInterruptedBeforeQuitting() async throws {
        try await withComfyUIDoubleProcess(["--slow", "ImageBlur=1000"]) { double in
            try await withTemporaryDirectory("ckt-state") { folder in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let session = HeadlessSession(server: double.baseURL, history: history, folder: SharedFixtures.workflowsDirectory.path)
                let started = Date()
                let (missed, screen) = try await session.run(Self.steps + [.when("the question, answered", { _ in true }, press: [.character("c")])])
                #expect(missed == nil, "screen:\n\(screen)")
                #expect(Date().timeIntervalSince(started) < 20, "the app quit once the cancel was confirmed, not at the time limit")
                let record = try #require(try await history.runs().first)
                #expect(record.status == .interrupted, "\(record)")
            }
        }
    }

    @Test func ctrlCAsASignalAsksTooAndASecondOneLeavesTheRunRecordedInFlight() async throws {
        try await withComfyUIDoubleProcess(["--slow", "ImageBlur=3000"]) { double in
            try await withTemporaryDirectory("ckt-state") { folder in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let session = HeadlessSession(server: double.baseURL, history: history, folder: SharedFixtures.workflowsDirectory.path)
                let steps: [HeadlessSession.Step] = Array(Self.steps.prefix(2)) + [
                    .when("the run going", { $0.contains("Blur pass") }, send: [.quitSignal(SIGINT)]),
                    .when("the quit question", { $0.contains("1 run in flight:") }, send: [.quitSignal(SIGINT)]),
                ]
                let started = Date()
                let (missed, screen) = try await session.run(steps)
                #expect(missed == nil, "screen:\n\(screen)")
                #expect(Date().timeIntervalSince(started) < 15, "the second Ctrl-C quit at once")
                let record = try #require(try await history.runs().first)
                #expect(record.status == .running && record.promptID != nil, "left running, to be re-attached: \(record)")
            }
        }
    }

    @Test func sigtermLeavesTheRunRunningAndRecordedAsInFlight() async throws {
        try await withComfyUIDoubleProcess(["--slow", "ImageBlur=3000"]) { double in
            try await withTemporaryDirectory("ckt-state") { folder in
                let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
                let session = HeadlessSession(server: double.baseURL, history: history, folder: SharedFixtures.workflowsDirectory.path)
                let steps: [HeadlessSession.Step] = Array(Self.steps.prefix(2)) + [
                    .when("the run going", { $0.contains("Blur pass") }, press: [.escape]),
                    .when("the list", { $0.contains("⏎ open") }, press: []),
                ]
                let (missed, screen) = try await session.run(steps, within: 6)
                #expect(missed == nil, "screen:\n\(screen)")
                let record = try #require(try await history.runs().first)
                #expect(record.status == .running && record.promptID != nil, "left running, to be re-attached: \(record)")
            }
        }
    }
}
