import ComfyKit

/// What a media field's text refers to, shown beside it so the user knows what will happen on submit.
enum MediaHint: Hashable, Sendable {
    case localFile
    case url
    case serverFile
    /// Looks like a local path but names no file.
    case missingFile
    /// A local path that names a folder.
    case folder

    /// Classifies like the executor will (``MediaReference/classify(_:param:fileExists:)``); `nil` when empty.
    init?(_ text: String, fileExists: (String) -> Bool, isDirectory: (String) -> Bool = { _ in false }) {
        guard !text.isEmpty else { return nil }
        if isDirectory(text) {
            self = .folder
            return
        }
        switch Result(catching: { () throws(BindError) in try MediaReference.classify(text, param: "", fileExists: fileExists) }) {
        case .success(.localFile): self = .localFile
        case .success(.remote): self = .url
        case .success(.serverFile): self = .serverFile
        case .failure: self = .missingFile
        }
    }

    var label: String {
        switch self {
        case .localFile: "local file, uploaded"
        case .url: "URL, fetched and uploaded"
        case .serverFile: "file on the server"
        case .missingFile: "no such file"
        case .folder: "a folder, not a file"
        }
    }
}

extension FieldState {
    /// Why the server would refuse a well-formed value: not one of its choices, or out of its range.
    func serverProblem(with value: ParamValue) -> String? {
        if kind == .media {
            switch media {
            case .missingFile?: return "no such file: \(text)"
            case .folder?: return "\(text) is a folder: name a file in it (Tab lists it)"
            case .serverFile?:
                guard let choices = input?.choices, !choices.isEmpty, !choices.contains(text) else { return nil }
                return "not on the server (\(choices.count) file\(choices.count == 1 ? "" : "s") there; ^O lists them)"
            default: return nil
            }
        }
        guard let input else { return nil }
        if let choices = input.choices {
            if choices.contains(text) { return nil }
            return choices.isEmpty ? "the server offers no values here (no files in its folder?)"
                : "not in the server's list (Space)"
        }
        if let min = input.minimum, let order = ExactNumberComparison.compare(value, with: min), order < 0 {
            return "below the minimum \(min.literal)"
        }
        if let max = input.maximum, let order = ExactNumberComparison.compare(value, with: max), order > 0 {
            return "above the maximum \(max.literal)"
        }
        return nil
    }

    /// The server's combo choices for this field, if it is a combo (media fields list the server's files).
    var choices: [String]? {
        guard let choices = input?.choices, !choices.isEmpty else { return nil }
        return choices
    }

    /// 2^53: integers beyond it are not exact in a `Double`, and no form value is meant to reach it.
    static let unboundedMagnitude = 9_007_199_254_740_992.0

    /// A short note after the value: the server's range and default, the number of choices, or what a media text is.
    var hint: String? {
        if kind == .media { return media?.label }
        guard let input else { return nil }
        if let choices = input.choices {
            return "▾ \(choices.count) choice\(choices.count == 1 ? "" : "s")" + (input.defaultValue.map { ", default \($0.displayText)" } ?? "")
        }
        var parts: [String] = []
        // A bound past 2^53 (a seed's 2^64 − 1, Python's sys.maxsize) bounds nothing a reader types: "≥ 0", not 20 digits.
        let minimum = input.min.map { $0 > -Self.unboundedMagnitude } == true ? input.minimum : nil
        let maximum = input.max.map { $0 < Self.unboundedMagnitude } == true ? input.maximum : nil
        switch (minimum, maximum) {
        case let (minimum?, maximum?): parts.append("\(minimum.literal)…\(maximum.literal)")
        case let (minimum?, nil): parts.append("≥ \(minimum.literal)")
        case let (nil, maximum?): parts.append("≤ \(maximum.literal)")
        case (nil, nil): break
        }
        if let value = input.defaultValue, value != .null, kind != .string { parts.append("default \(value.displayText)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Applies the server's view of the bound input and re-checks the text against it.
    mutating func attach(_ input: InputInfo?, _ env: TUIEnvironment) {
        self.input = input
        revalidate(env)
    }
}
