import ComfyUITestDouble

/// A generator with a fixed sequence (SplitMix64, as the ComfyUI double uses), so seed randomisation is
/// reproducible in tests.
///
/// ```swift
/// var random = FixedRandom()
/// let seeds = SeedRandomizer.randomize(&workflow, using: &random)
/// ```
public typealias FixedRandom = SplitMix64

extension SplitMix64 {
    /// The generator the tests use: seeded with 42.
    public init() { self.init(seed: 42) }
}
