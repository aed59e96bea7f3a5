@testable import ComfyKit
import Foundation
import Synchronization
import Testing

/// The progress-frame handling both followers share, fed with frames a real ComfyUI 0.3.64 sent.
@Suite struct ProgressFramesTests {
    /// Collects what `ProgressFrames` emits.
    final class Events: Sendable {
        private let list = Mutex<[RunEvent]>([])
        var all: [RunEvent] { list.withLock { $0 } }
        func append(_ event: RunEvent) { list.withLock { $0.append(event) } }
    }

    private func recorded(_ name: String) throws -> (Workflow, [ServerMessage]) {
        let transcript = try Transcript(name)
        // A history entry's `prompt` is [number, prompt_id, the API-format prompt, extra data, output nodes].
        let prompt = try #require(transcript.historyEntry?["prompt"]?.arrayValue?[2])
        let workflow = try WorkflowDocument.from(prompt, source: name, name: name).localWorkflow()
        return (workflow, transcript.textFrames.compactMap { ServerMessage(json: $0) })
    }

    @Test func aRecordedRunStartsOnceNamesEachNodeAndEndsOnItsLastFrame() throws {
        let (workflow, messages) = try recorded("21_progress_upscale_tiny_model")
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        var steps: [ProgressFrames.Step] = []
        for message in messages { steps.append(frames.apply(message)) }

        #expect(steps.last == .ended)
        #expect(events.all.filter { $0 == .started }.count == 1)
        let started = events.all.compactMap { event -> NodeInfo? in if case .nodeStarted(let node, _) = event { node } else { nil } }
        #expect(!started.isEmpty)
        for node in started { #expect(node.classType == workflow[node.id]?.classType) }
        let overall = events.all.compactMap { event -> Double? in if case .progress(_, _, _, let overall) = event { overall } else { nil } }
        #expect(overall == overall.sorted(), "overall progress never goes back")
        #expect(overall.allSatisfy { (0...1).contains($0) })
    }

    @Test func anOutputNodesUIDictIsEmittedAndHandedToTheFollower() throws {
        let (workflow, messages) = try recorded("04_multi_output")
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        let outputs = messages.compactMap { message -> String? in
            if case .output(let node, _) = frames.apply(message) { node } else { nil }
        }
        let emitted = events.all.compactMap { event -> String? in if case .nodeOutput(let node, _) = event { node } else { nil } }
        #expect(!outputs.isEmpty)
        #expect(outputs == emitted)
    }

    @Test func completingTakesTheModelToTheEndWithoutANodelessEvent() throws {
        let (workflow, _) = try recorded("01_empty_image_save")
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        frames.complete()
        #expect(frames.progress.overall == 1)
        #expect(events.all.isEmpty, "a completed run's 100% is its finished event")
    }

    @Test func eachStepIsReportedOnceWhetherProgressStateOrProgressCarriesIt() throws {
        let (workflow, messages) = try recorded("21_progress_upscale_tiny_model")
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        for message in messages { _ = frames.apply(message) }
        let steps = events.all.compactMap { event -> String? in if case .progress(let node, let value, let max, _) = event { "\(node) \(value)/\(max)" } else { nil } }
        let recordedSteps = messages.compactMap { message -> String? in
            if case .progress(_, let node?, let value, let max) = message, max > 0 { "\(node) \(value)/\(max)" } else { nil }
        }
        #expect(!recordedSteps.isEmpty)
        #expect(steps == recordedSteps, "the recording sends every step twice, in progress_state and in progress")
    }

    @Test func aStepOnlyProgressStateCarriesIsReported() throws {
        let (workflow, _) = try recorded("21_progress_upscale_tiny_model")
        let node = try #require(workflow.nodes.first { $0.classType == "ImageUpscaleWithModel" }?.id)
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        let state = { (value: Double) in
            ServerMessage.progressState(promptID: "p", nodes: [.init(node: node, value: value, max: 8, isFinished: false)])
        }
        _ = frames.apply(state(0))
        _ = frames.apply(state(3))
        _ = frames.apply(state(3))
        let steps = events.all.compactMap { event -> Double? in if case .progress(let id, let value, let max, _) = event, id == node, max == 8 { value } else { nil } }
        #expect(steps == [3])
        #expect(events.all.first == RunEvent.started)
    }

    @Test func aStepOfANodeWhoseStartWasMissedAnnouncesIt() throws {
        let (workflow, _) = try recorded("21_progress_upscale_tiny_model")
        let node = try #require(workflow.nodes.first { $0.classType == "ImageUpscaleWithModel" })
        let events = Events()
        var frames = ProgressFrames(workflow: workflow, emit: events.append)
        // A socket that joined mid-node: steps, no `executing` before them.
        _ = frames.apply(.progress(promptID: "p", node: node.id, value: 4, max: 20))
        _ = frames.apply(.progress(promptID: "p", node: node.id, value: 5, max: 20))
        let started = events.all.compactMap { event -> NodeInfo? in if case .nodeStarted(let info, _) = event { info } else { nil } }
        #expect(started == [NodeInfo(id: node.id, classType: node.classType, title: node.title)])
        #expect(events.all.count { if case .progress = $0 { true } else { false } } == 2)
    }
}

/// What the facade prepares before any executor runs: the DSL read and the values bound.
@Suite struct ExecutionJobTests {
    private let workflow = try! WorkflowDocument.from(
        ["3": ["class_type": "KSampler", "inputs": ["seed": 5, "steps": 20], "_meta": ["title": "Sampler, $seed, $steps"]]],
        source: "memory", name: "memory"
    ).localWorkflow()

    @Test func givenValuesAreBoundAndRemembered() throws {
        let job = try ExecutionJob.prepare(workflow, values: ["steps": 30], options: RunOptions()).get()
        #expect(job.givenParams == ["steps"])
        #expect(job.bound.workflow["3"]?.inputs["steps"] == 30)
        #expect(job.spec.params.map(\.name).sorted() == ["seed", "steps"])
    }

    @Test func anUnknownParamEndsTheRunAsAParamsFailure() {
        guard case .failure(.params) = ExecutionJob.prepare(workflow, values: ["stepz": 30], options: RunOptions()) else {
            Issue.record("expected a params failure")
            return
        }
    }
}
