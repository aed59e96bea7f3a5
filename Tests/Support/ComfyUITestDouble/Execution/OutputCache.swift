/// ComfyUI's default ("classic") output cache: results keyed by a node's input signature, keeping only
/// what the current prompt can reuse — in effect the previous prompt's results; reused nodes are listed in `execution_cached`.
struct OutputCache {
    struct Entry: Sendable {
        var outputs: [SimValue]
        /// The node's UI output (`executed.output`), nil when it had none.
        var ui: JSONObject?
    }

    private var entries: [String: Entry] = [:]

    /// `set_prompt` + `clean_unused`: forget entries the new prompt cannot use.
    mutating func keepOnly(_ signatures: Set<String>) {
        entries = entries.filter { signatures.contains($0.key) }
    }

    func entry(for signature: String) -> Entry? { entries[signature] }

    mutating func store(_ entry: Entry, for signature: String) { entries[signature] = entry }
}
