/// Many prompts of one workflow: every combination of the varied params' values, each `count` times, with a
/// policy for the seeds. Pure: ``points(base:using:)`` lists the prompts' values before anything is sent.
public struct SweepPlan: Hashable, Sendable {
    /// What each prompt's seed params get.
    public enum SeedMode: String, Hashable, Sendable, CaseIterable {
        /// The same seed in every prompt (the given one, else the workflow's).
        case fixed
        /// The first prompt's seed, plus one for each prompt after it.
        case increment
        /// A new random seed for each prompt.
        case random
    }

    /// The most prompts one sweep may make.
    public static let maxPrompts = 100_000

    public let spec: WorkflowSpec
    public let variations: [Variation]
    public let count: Int
    public let seedMode: SeedMode

    public init(spec: WorkflowSpec, variations: [Variation] = [], count: Int = 1, seedMode: SeedMode = .fixed) throws(SweepError) {
        guard count >= 1 else { throw .badCount(count) }
        var seen: Set<String> = []
        for variation in variations where !seen.insert(variation.param).inserted { throw .variedTwice(variation.param) }
        let total = variations.reduce(count) { $0.multipliedReportingOverflow(by: max($1.values.count, 1)).partialValue }
        guard total <= SweepPlan.maxPrompts, total > 0 else { throw .tooManyPrompts(total) }
        self.spec = spec
        self.variations = variations
        self.count = count
        self.seedMode = seedMode
    }

    /// How many prompts the sweep makes.
    public var promptCount: Int { variations.reduce(count) { $0 * $1.values.count } }

    /// How many times each prompt goes out with the same values: `count` when it is above 1 and no seed changes
    /// between the repeats (the workflow has no seed param, or the seeds are fixed), else 1. ComfyUI runs such a
    /// prompt once and answers its repeats from its cache, so they make nothing new.
    public var identicalRepeats: Int { Self.repeatsAreIdentical(count: count, changesSeeds: !seedParams.isEmpty, seedMode: seedMode) ? count : 1 }

    /// Whether `count` repeats of a prompt go out with the same values: more than one, and no seed changes between
    /// them (none to change, or fixed). The one rule for ``identicalRepeats`` and a form that tells it as it is edited.
    public static func repeatsAreIdentical(count: Int, changesSeeds: Bool, seedMode: SeedMode) -> Bool {
        count > 1 && (!changesSeeds || seedMode == .fixed)
    }

    /// Why ``identicalRepeats`` is above 1, in a few words (`nil` when it is not).
    public var identicalRepeatsReason: String? {
        guard identicalRepeats > 1 else { return nil }
        if !seedParams.isEmpty { return "its seeds are fixed" }
        let hasSeed = spec.params.contains { $0.bindings.contains { $0.field == "seed" || $0.field == "noise_seed" } }
        return hasSeed ? "its seed is varied by hand, the same in each repeat" : "the workflow has no seed param to change"
    }

    /// Seed params: those bound to a `seed` or `noise_seed` input, and not varied by hand.
    public var seedParams: [String] {
        let varied = Set(variations.map(\.param))
        return spec.params.filter { param in
            !varied.contains(param.name) && param.bindings.contains { $0.field == "seed" || $0.field == "noise_seed" }
        }.map(\.name)
    }

    /// One prompt of the sweep: its position, its params, and the values that set it apart.
    public struct Point: Hashable, Sendable {
        public let index: Int
        public let values: [String: ParamValue]
        /// The varied params' values and the seeds, in the order given: what a table of results shows.
        public let varied: [(name: String, value: ParamValue)]

        /// A prompt's position and values; ``SweepPlan/points(base:using:)`` makes them for a plan.
        public init(index: Int, values: [String: ParamValue], varied: [(name: String, value: ParamValue)]) {
            self.index = index
            self.values = values
            self.varied = varied
        }

        public static func == (a: Point, b: Point) -> Bool {
            a.index == b.index && a.values == b.values && a.varied.map(\.name) == b.varied.map(\.name) && a.varied.map(\.value) == b.varied.map(\.value)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(index)
            hasher.combine(values)
        }
    }

    /// Every prompt's values: `base` overridden by the variations (the first varies slowest), then seeds.
    public func points(base: [String: ParamValue], using generator: inout some RandomNumberGenerator) -> [Point] {
        let seeds = seedParams
        // A seed of 0 means "random" in a workflow: a fixed or incrementing sweep starts from one drawn here.
        var starts: [String: Int] = [:]
        for name in seeds {
            let given = base[name]?.jsonValue.intValue ?? spec.params.first { $0.name == name }?.defaultValue?.intValue ?? 0
            starts[name] = given != 0 ? given : Int.random(in: 1...(Int.max / 2), using: &generator)
        }
        var points: [Point] = []
        points.reserveCapacity(promptCount)
        var combination = [Int](repeating: 0, count: variations.count)
        var index = 0
        repeat {
            for _ in 0..<count {
                var values = base
                var varied: [(name: String, value: ParamValue)] = []
                for (position, variation) in variations.enumerated() {
                    let value = variation.values[combination[position]]
                    values[variation.param] = value
                    varied.append((variation.param, value))
                }
                for name in seeds {
                    let seed: ParamValue = switch seedMode {
                    case .fixed: .int(starts[name]!)
                    case .increment: .int(starts[name]! &+ index)
                    // ComfyUI's seeds are unsigned 64-bit; staying in Int's range keeps every client exact.
                    case .random: .int(Int.random(in: 1...Int.max, using: &generator))
                    }
                    values[name] = seed
                    if seedMode != .fixed { varied.append((name, seed)) }
                }
                points.append(Point(index: index, values: values, varied: varied))
                index += 1
            }
        } while advance(&combination)
        return points
    }

    /// The next combination, the last variation fastest; false after the last one.
    private func advance(_ combination: inout [Int]) -> Bool {
        var position = variations.count - 1
        while position >= 0 {
            combination[position] += 1
            if combination[position] < variations[position].values.count { return true }
            combination[position] = 0
            position -= 1
        }
        return false
    }
}
