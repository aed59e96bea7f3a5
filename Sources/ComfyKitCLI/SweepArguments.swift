import ArgumentParser
import ComfyKit

/// The flags that make `run` a sweep: many prompts of one workflow, routed over the servers given.
struct SweepArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Values a param takes across prompts: a list (steps=10,20,30), a range (cfg=4..8:0.5, seed=1..40) or a JSON list for values with commas (prompt='[\"a, b\",\"c\"]'). Repeatable: several make their product.", valueName: "name=values"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("Prompts per combination of the varied values (default 1).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("What seed params get in each prompt: fixed (the same), increment (+1 per prompt) or random.", valueName: "fixed|increment|random"))
    var seedMode: String?

    @Flag(help: "Over several servers: a prompt that was running on a server that stopped answering runs again on another (by default it is reported lost; prompts that had not started always move).")
    var retryLost = false

    /// True when any of these flags is given: the run is a sweep.
    var isSweep: Bool { !vary.isEmpty || count != nil || seedMode != nil }

    /// The `--vary` values read as their params' kinds, the count and the seed mode; a usage error otherwise.
    func plan(for spec: WorkflowSpec) throws -> (variations: [Variation], count: Int, seedMode: SweepPlan.SeedMode) {
        let mode: SweepPlan.SeedMode
        if let seedMode {
            guard let parsed = SweepPlan.SeedMode(rawValue: seedMode) else {
                throw UsageError("--seed-mode \(seedMode): expected fixed, increment or random")
            }
            mode = parsed
        } else {
            mode = .fixed
        }
        do {
            let variations = try vary.map { text throws(SweepError) in try Variation.parse(text, spec: spec) }
            let plan = try SweepPlan(spec: spec, variations: variations, count: count ?? 1, seedMode: mode)
            return (plan.variations, plan.count, plan.seedMode)
        } catch {
            throw UsageError(error.description)
        }
    }
}
