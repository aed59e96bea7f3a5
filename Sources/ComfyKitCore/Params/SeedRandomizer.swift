/// Replaces `seed: 0` with a random seed, so that "0" in a workflow means "a new image each run".
public enum SeedRandomizer {
    /// Randomises every node input named exactly `seed` whose value is the integer 0, a string
    /// that trims to `"0"`, or `false` (Python's `False == 0`). Not `0.0`, not `noise_seed`.
    /// Returns the new seed of each changed node.
    @discardableResult
    public static func randomize(_ workflow: inout Workflow, using generator: inout some RandomNumberGenerator) -> [String: Int] {
        var changed: [String: Int] = [:]
        for node in workflow.nodes {
            guard let value = node.inputs["seed"], isZeroSeed(value) else { continue }
            let seed = Int.random(in: 0...Int.max, using: &generator)
            workflow.setInput(node: node.id, field: "seed", to: .int(seed))
            changed[node.id] = seed
        }
        return changed
    }

    static func isZeroSeed(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let n): n.isInteger && n.intValue == 0
        case .string(let s): s.trimmingWhitespace() == "0"
        case .bool(let b): !b
        default: false
        }
    }
}
