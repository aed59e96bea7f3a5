@testable import ComfyKit
import ComfyKitTesting
import ComfyUITestDouble
import Foundation
import Synchronization
import Testing

/// The router over several ComfyUI servers: least work first, only where the workflow can run.
@Suite struct RouterExecutorTests {
    private func member(_ name: String, _ kit: ComfyKit) -> RouterExecutor.Member {
        RouterExecutor.Member(
            name: name, client: kit.client, queueReader: kit.queueReader,
            executor: ComfyUIExecutor(client: kit.client, queueReader: kit.queueReader, hub: kit.hub, media: ComfyUIMediaStore(client: kit.client, httpClient: kit.httpClient)),
            objectInfo: kit.objectInfoStore)
    }

    private func kit(_ server: RunningDouble) throws -> ComfyKit {
        ComfyKit(configuration: try ComfyKitConfiguration.resolve(.init(comfyUIBaseURL: server.baseURL), environment: [:]))
    }

    @Test func promptsGoWhereTheWorkIsLeastAndNeverWhereAModelIsMissing() async throws {
        try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(5) }) { fast in
            try await withComfyUIDouble({ $0.nodeDuration = .milliseconds(200) }) { slow in
                try await withComfyUIDouble({ $0.models["upscale_models"] = [] }) { lacking in
                    let kits = try [kit(fast), kit(slow), kit(lacking)]
                    let routed = Mutex<[String]>([])
                    let router = RouterExecutor(
                        members: [member("fast", kits[0]), member("slow", kits[1]), member("lacking", kits[2])],
                        onRouted: { _, server in routed.withLock { $0.append(server) } })
                    let workflow = try Fixtures.workflow("21_progress_upscale_tiny_model")
                    let job = try ExecutionJob.prepare(workflow, values: DoubleHarness.params(for: "21"), options: RunOptions()).get()

                    let outcomes = await withTaskGroup(of: RunOutcome.self) { group in
                        // A steady stream, as a sweep sends: one prompt every 100 ms.
                        for _ in 0..<12 {
                            group.addTask { await router.execute(job, control: RunControl(), emit: { _ in }) }
                            try? await Task.sleep(for: .milliseconds(100))
                        }
                        return await group.reduce(into: []) { $0.append($1) }
                    }
                    for kit in kits { await kit.close() }

                    #expect(outcomes.count == 12)
                    #expect(outcomes.allSatisfy { $0.result.status == .completed }, "\(outcomes.map { $0.result.msg ?? "" })")
                    let places = routed.withLock { $0 }
                    #expect(places.count == 12)
                    #expect(!places.contains("lacking"))
                    #expect(places.filter { $0 == "slow" }.count < places.filter { $0 == "fast" }.count, "\(places)")
                    // Each prompt ran once, where the router said.
                    let posts = [await fast.recordedRequests(), await slow.recordedRequests(), await lacking.recordedRequests()]
                        .map { $0.filter { $0.route == "/prompt" && $0.method == "POST" }.count }
                    #expect(posts == [places.filter { $0 == "fast" }.count, places.filter { $0 == "slow" }.count, 0])
                }
            }
        }
    }

    @Test func whenNoServerFitsEachOneSaysWhy() async throws {
        try await withComfyUIDouble({ $0.models["upscale_models"] = [] }) { lacking in
            let kit = try kit(lacking)
            let router = RouterExecutor(members: [member("box1", kit)])
            let job = try ExecutionJob.prepare(try Fixtures.workflow("21_progress_upscale_tiny_model"), values: DoubleHarness.params(for: "21"), options: RunOptions()).get()
            let outcome = await router.execute(job, control: RunControl(), emit: { _ in })
            await kit.close()
            #expect(outcome.result.status == .error)
            #expect(outcome.result.msg == "no server can run this workflow: box1: no comfykit-tiny-compact-x2.safetensors for UpscaleModelLoader.model_name (node 3)", "\(outcome.result.msg ?? "")")
        }
    }

    @Test func theDecisionIsLeastWorkAmongServersThatFitTiesToTheFirst() throws {
        var table = RoutingTable(servers: [
            .init(name: "a", queueLength: 2, ourWaiting: 1, fit: .fits, isUp: true),
            .init(name: "b", queueLength: 1, ourWaiting: 1, fit: .fits, isUp: true),
            .init(name: "c", queueLength: 0, ourWaiting: 0, fit: .lacks("no model"), isUp: true),
            .init(name: "d", queueLength: 0, ourWaiting: 0, fit: .fits, isUp: false),
        ])
        #expect(try table.choose().get() == 1)
        table.servers[0].queueLength = 1
        table.servers[0].ourWaiting = 1
        #expect(try table.choose().get() == 0)
    }

    /// ComfyUI's queue (from `/queue` or a `status` message) already holds our prompts it accepted before it was heard:
    /// those count once. Another client's 3 queued on one server then weigh more than our 2 on the other.
    @Test func ourPromptsAQueueHeardAfterTheirAcceptanceHoldsCountOnce() async throws {
        let state = RouterState(count: 2)
        let start = ContinuousClock.now
        func table(_ lengths: [Int], heardAt: ContinuousClock.Instant) -> RoutingTable {
            RoutingTable(servers: lengths.enumerated().map {
                .init(name: "s\($0.offset)", queueLength: $0.element, ourWaiting: 0, fit: .fits, isUp: true, heardAt: heardAt)
            })
        }
        // On their way, ours count beside the queue as heard.
        let first = try await state.reserve(table([3, 0], heardAt: start)).get()
        let second = try await state.reserve(table([3, 0], heardAt: start)).get()
        #expect(first.server == 1 && second.server == 1)
        #expect(await state.unseen(1, heardAt: start) == 2)
        await state.accepted(first, at: start + .milliseconds(1))
        await state.accepted(second, at: start + .milliseconds(2))
        // Heard after both were accepted, server 1's queue of 2 is ours: 2 against 3, not 4.
        let heard = start + .milliseconds(3)
        #expect(await state.unseen(1, heardAt: heard) == 0)
        let third = try await state.reserve(table([3, 2], heardAt: heard)).get()
        #expect(third.server == 1)
        // A queue heard before they were accepted does not hold them; one started is no longer waiting.
        #expect(await state.unseen(1, heardAt: start) == 3)
        await state.started(first)
        #expect(await state.unseen(1, heardAt: start) == 2)
        #expect(await state.unseen(1, heardAt: heard) == 1, "the third, not accepted yet")
    }
}
