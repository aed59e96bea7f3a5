import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Planning many prompts of one workflow: lists, ranges, products, counts and seed policies.
@Suite struct SweepPlanTests {
    private let spec: WorkflowSpec = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../examples/workflows/sd15/txt2img.json").standardized
        return try! WorkflowSpec(try! WorkflowDocument.read(file: url.path).localWorkflow())
    }()

    private func points(_ vary: [String], count: Int = 1, seeds: SweepPlan.SeedMode = .fixed, base: [String: ParamValue] = ["prompt": "a fox"]) throws -> [SweepPlan.Point] {
        var generator = FixedRandom(seed: 7)
        let plan = try SweepPlan(spec: spec, variations: try vary.map { text throws in try Variation.parse(text, spec: spec) }, count: count, seedMode: seeds)
        let points = plan.points(base: base, using: &generator)
        #expect(points.count == plan.promptCount)
        return points
    }

    @Test func listsAndRangesAreReadAsTheParamsKind() throws {
        #expect(try Variation.parse("steps=10,20,30", spec: spec).values == [10, 20, 30])
        #expect(try Variation.parse("cfg=4..5:0.5", spec: spec).values == [4.0, 4.5, 5.0])
        #expect(try Variation.parse("cfg=4..4.3:0.1", spec: spec).values == [4.0, 4.1, 4.2, 4.3], "no drift from adding 0.1")
        #expect(try Variation.parse("seed=1..4", spec: spec).values == [1, 2, 3, 4])
        #expect(try Variation.parse("sampler=euler,dpmpp_2m", spec: spec).values == ["euler", "dpmpp_2m"])
        #expect(try Variation.parse(#"prompt=["a, b","c"]"#, spec: spec).values == ["a, b", "c"])
    }

    @Test func badTextIsRefusedWithWhatToFix() {
        #expect(throws: SweepError.unknownParam("stepz", valid: spec.params.map(\.name))) { try Variation.parse("stepz=1,2", spec: spec) }
        #expect(throws: SweepError.badRange("steps=8..4")) { try Variation.parse("steps=8..4", spec: spec) }
        #expect(throws: SweepError.badRange("steps=1..4:0.5")) { try Variation.parse("steps=1..4:0.5", spec: spec) }
        #expect(throws: SweepError.tooManyValues("seed", 1_000_000)) { try Variation.parse("seed=1..1000000", spec: spec) }
        #expect(throws: SweepError.self) { try Variation.parse("steps=10,abc", spec: spec) }
        #expect(throws: SweepError.malformed("steps")) { try Variation.parse("steps", spec: spec) }
        #expect(throws: SweepError.variedTwice("steps")) {
            try SweepPlan(spec: spec, variations: [Variation(param: "steps", values: [1]), Variation(param: "steps", values: [2])])
        }
        #expect(throws: SweepError.badCount(0)) { try SweepPlan(spec: spec, count: 0) }
    }

    @Test func severalVariationsMakeTheirProductTheFirstVaryingSlowest() throws {
        let all = try points(["steps=10,20", "sampler=euler,dpmpp_2m,ddim"], count: 2)
        #expect(all.count == 12)
        #expect(all.map { $0.values["steps"] } == [10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20])
        #expect(all.prefix(6).map { $0.values["sampler"] } == ["euler", "euler", "dpmpp_2m", "dpmpp_2m", "ddim", "ddim"])
        #expect(all.allSatisfy { $0.values["prompt"] == "a fox" })
        #expect(all[3].varied.prefix(2).map(\.name) == ["steps", "sampler"])
    }

    @Test func seedsAreFixedIncrementedOrRandomPerPrompt() throws {
        let fixed = try points([], count: 3, seeds: .fixed, base: ["prompt": "a", "seed": 42])
        #expect(fixed.map { $0.values["seed"] } == [42, 42, 42])
        let increment = try points([], count: 3, seeds: .increment, base: ["prompt": "a", "seed": 42])
        #expect(increment.map { $0.values["seed"] } == [42, 43, 44])
        let random = try points([], count: 3, seeds: .random)
        #expect(Set(random.compactMap { $0.values["seed"] }).count == 3)
        // The workflow's seed is 0 ("random"): a fixed sweep draws one and keeps it for every prompt.
        let drawn = try points([], count: 3, seeds: .fixed)
        #expect(Set(drawn.compactMap { $0.values["seed"] }).count == 1)
        #expect(drawn.first?.values["seed"] != 0)
        // A seed varied by hand is left as given.
        let byHand = try points(["seed=5..7"], seeds: .random)
        #expect(byHand.map { $0.values["seed"] } == [5, 6, 7])
    }

    /// Repeats that nothing changes (no seed param, fixed seeds, or the seed varied by hand) are told before sending.
    @Test func aCountWhoseRepeatsCannotDifferIsTold() throws {
        let vary = { (texts: [String]) in try texts.map { text throws in try Variation.parse(text, spec: self.spec) } }
        #expect(try SweepPlan(spec: spec, count: 3, seedMode: .fixed).identicalRepeats == 3)
        #expect(try SweepPlan(spec: spec, count: 3, seedMode: .fixed).identicalRepeatsReason == "its seeds are fixed")
        #expect(try SweepPlan(spec: spec, count: 3, seedMode: .increment).identicalRepeats == 1)
        #expect(try SweepPlan(spec: spec, count: 1, seedMode: .fixed).identicalRepeatsReason == nil)
        let byHand = try SweepPlan(spec: spec, variations: try vary(["seed=1,2"]), count: 2, seedMode: .random)
        #expect(byHand.identicalRepeats == 2 && byHand.identicalRepeatsReason == "its seed is varied by hand, the same in each repeat")
    }

    @Test func tooLargeASweepIsRefusedBeforeAnyPromptIsMade() {
        let big = Variation(param: "seed", values: (1...1_000).map { .int($0) })
        #expect(throws: SweepError.tooManyPrompts(200_000)) {
            try SweepPlan(spec: spec, variations: [big, Variation(param: "steps", values: (1...200).map { .int($0) })])
        }
    }
}
