import ComfyKit
import ComfyKitTesting
import Testing

/// The seed rule: a `seed` input of 0 (or "0", or false) is replaced by a random seed; other keys and 0.0 are kept.
@Suite struct SeedRandomizerTests {
    @Test(arguments: ["0", #""0""#, #"" 0 ""#, "false", "-0"])
    func zeroSeedsAreRandomised(literal: String) throws {
        var wf = try Fixtures.node("KSampler", classType: "KSampler", inputs: #"{"seed": \#(literal)}"#)
        var random = FixedRandom()
        let changed = SeedRandomizer.randomize(&wf, using: &random)
        let seed = try #require(changed["1"])
        #expect(seed >= 0)
        #expect(wf["1"]?.inputs["seed"] == .int(seed))
    }

    @Test(arguments: [#"{"seed": 0.0}"#, #"{"noise_seed": 0}"#, #"{"seed": 5}"#, #"{"seed": ["3", 0]}"#])
    func otherValuesAndKeysAreKept(inputs: String) throws {
        var wf = try Fixtures.node("KSampler", classType: "KSampler", inputs: inputs)
        let before = wf
        var random = FixedRandom()
        #expect(SeedRandomizer.randomize(&wf, using: &random).isEmpty)
        #expect(wf == before)
    }

    @Test func aUserSeedOfZeroIsRandomisedAfterBinding() throws {
        let wf = try Fixtures.node("$seed", classType: "KSampler", inputs: #"{"seed": 5}"#)
        var random = FixedRandom()
        let bound = try ParamBinder.bind(wf, spec: try WorkflowSpec(wf), values: ["seed": 0], using: &random)
        #expect(bound.randomizedSeeds["1"] != nil)
        #expect(bound.workflow["1"]?.inputs["seed"] != 0)
    }

    @Test func randomisationCanBeTurnedOff() throws {
        let wf = try Fixtures.node("$seed", classType: "KSampler", inputs: #"{"seed": 0}"#)
        let bound = try ParamBinder.bind(wf, spec: try WorkflowSpec(wf), values: [:], options: BindOptions(randomizeSeeds: false))
        #expect(bound.workflow["1"]?.inputs["seed"] == 0)
    }
}
