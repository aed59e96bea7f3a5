import ComfyKit
import ComfyUITestDouble
import Foundation
import Testing

/// A kit cannot leak: dropped kits close their sockets, `close()` may be called twice, `withComfyKit` closes.
@Suite struct KitLifecycleTests {
    private func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    @Test func aThousandKitsMadeAndDroppedLeaveNoSocketOpen() async throws {
        try await DoubleHarness.with { double, kit in
            // Warm the shared HTTP pool and this test's own socket first, so they are counted in the baseline.
            _ = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
            let baseline = openDescriptors()
            for index in 0..<1_000 {
                var overrides = ComfyKitConfiguration.Overrides()
                overrides.comfyUIBaseURL = double.baseURL
                let dropped = try ComfyKit(overrides, environment: [:])
                // Every tenth kit runs a prompt, which opens its WebSocket; the others only make their clients.
                if index % 10 == 0 {
                    let result = await dropped.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
                    #expect(result.status == .completed)
                }
            }
            // Closing runs on a task of its own once a kit is dropped: give the last ones a moment.
            let deadline = ContinuousClock.now + .seconds(5)
            while openDescriptors() > baseline + 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(openDescriptors() <= baseline + 2, "open descriptors: \(openDescriptors()), before: \(baseline)")
        }
    }

    @Test func closingTwiceIsHarmlessAndWithComfyKitClosesWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        try await DoubleHarness.with { double, _ in
            var overrides = ComfyKitConfiguration.Overrides()
            overrides.comfyUIBaseURL = double.baseURL
            let kit = try ComfyKit(overrides, environment: [:])
            #expect(await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01")).status == .completed)
            await kit.close()
            await kit.close()
            await #expect(throws: Boom.self) {
                try await withComfyKit(overrides, environment: [:]) { kit in
                    _ = await kit.execute(.file(path: Fixtures.workflowPath("01_empty_image_save")), params: DoubleHarness.params(for: "01"))
                    throw Boom()
                }
            }
        }
    }
}
