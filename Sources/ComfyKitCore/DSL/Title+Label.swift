extension Title {
    /// A title's free text for display, without its DSL markers: `Size, $width!, $height!` → `Size`;
    /// a title of markers only, or an `$output.` title, → "".
    public static func label(_ title: String) -> String {
        if title.utf8.starts(with: outputPrefix.utf8) { return "" }
        return parts(of: title)
            .filter { !$0.isEmpty && $0.unicodeScalars.first != "$" }
            .joined(separator: ", ")
    }
}

extension NodeInfo {
    /// The title's free text (markers dropped), else the class: `Sampler` for `Sampler, $seed, $steps`.
    public var label: String {
        let text = Title.label(title)
        return text.isEmpty ? classType : text
    }
}
