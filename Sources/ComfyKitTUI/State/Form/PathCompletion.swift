/// One directory entry offered by Tab completion.
struct PathCandidate: Hashable, Sendable {
    let name: String
    let isDirectory: Bool

    /// The name as it is appended to the field: a folder gets its `/` so the next Tab goes inside.
    var completion: String { isDirectory ? name + "/" : name }
}

/// Tab completion of a local path in a media field, as a shell does it: the common prefix of the
/// matching entries, then one candidate after another on further Tabs.
struct PathCompletion: Hashable, Sendable {
    /// The text up to and including its last `/`: what the candidates are appended to.
    let directoryText: String
    let candidates: [PathCandidate]
    /// The candidate in the field, `nil` before the first cycling Tab.
    var index: Int?
    /// The field text this completion left; typing anything else ends the cycle.
    var shownText: String

    /// Text that can only mean a local path, so Tab completes instead of moving on: `/…`, `./…`, `../…`, `~…`.
    static func looksLikePath(_ text: String) -> Bool {
        text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~") || text == "." || text == ".."
    }

    /// `("~/pics/", "ca")` for `~/pics/ca`: where to look and what the names must start with.
    static func split(_ text: String) -> (directoryText: String, prefix: String) {
        if text == "~" || text == "." || text == ".." { return (text + "/", "") }
        guard let slash = text.lastIndex(of: "/") else { return ("./", text) }
        return (String(text[...slash]), String(text[text.index(after: slash)...]))
    }

    /// The longest string every candidate's completion starts with.
    static func commonPrefix(_ candidates: [PathCandidate]) -> String {
        guard var prefix = candidates.first?.completion else { return "" }
        for candidate in candidates.dropFirst() {
            prefix = String(zip(prefix, candidate.completion).prefix { $0 == $1 }.map(\.0))
        }
        return prefix
    }

    /// What one Tab does, given the entries of the text's directory that start with its prefix (sorted).
    enum Outcome: Hashable, Sendable {
        /// Nothing starts with the prefix.
        case noMatch
        /// The text is already a whole file name: Tab moves to the next field as usual.
        case complete
        /// The text becomes `text`; several candidates remain when `completion` is set.
        case extended(text: String, completion: PathCompletion?)
        /// Several candidates and no longer common prefix: list them and cycle on the next Tab.
        case ambiguous(PathCompletion)
    }

    static func outcome(for text: String, candidates: [PathCandidate]) -> Outcome {
        let (directoryText, prefix) = split(text)
        guard !candidates.isEmpty else { return .noMatch }
        let common = commonPrefix(candidates)
        // `./` is implied for a bare name only while looking; keep the text as the user wrote it.
        let base = text.contains("/") || text == "~" || text == "." || text == ".." ? directoryText : ""
        let extended = base + common
        if candidates.count == 1 {
            return extended == text ? .complete : .extended(text: extended, completion: nil)
        }
        let cycle = PathCompletion(directoryText: base, candidates: candidates, index: nil, shownText: extended)
        return common.count > prefix.count ? .extended(text: extended, completion: cycle) : .ambiguous(cycle)
    }

    /// The next candidate in the field, wrapping around.
    mutating func cycle() -> String {
        let next = index.map { ($0 + 1) % candidates.count } ?? 0
        index = next
        shownText = directoryText + candidates[next].completion
        return shownText
    }

    /// Up to `limit` names for the status line, `…` when there are more.
    func listing(limit: Int = 8) -> String {
        let names = candidates.prefix(limit).map(\.completion)
        return names.joined(separator: "  ") + (candidates.count > limit ? "  … (\(candidates.count) in all)" : "")
    }
}
