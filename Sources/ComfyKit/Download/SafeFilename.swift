/// Turns a server-given file name into one that can only ever name a file directly inside the download folder.
///
/// A name is untrusted input: `../../etc/passwd`, `a/b.png` or `x\u{0}y.png` must not escape the folder,
/// hide a file or truncate at a NUL. ``sanitize(_:)`` keeps as much of the name as is safe:
///
/// ```swift
/// SafeFilename.sanitize("../../etc/passwd")  // "etc_passwd"
/// SafeFilename.sanitize("a/b.png")           // "a_b.png"
/// SafeFilename.sanitize("..")                // "output"
/// SafeFilename.numbered("cat.png", 2)        // "cat (2).png"
/// ```
public enum SafeFilename {
    /// The longest name most file systems accept (`NAME_MAX`), in UTF-8 bytes.
    public static let maxBytes = 255
    /// The name used when nothing safe is left.
    public static let fallback = "output"
    /// An extension longer than this is treated as part of the name, so a cap never keeps a huge "extension".
    static let maxExtensionBytes = 32

    /// A safe name: control characters (NUL included) removed, leading dots, separators and spaces
    /// dropped, the remaining `/` and `\` turned into `_`, trailing spaces trimmed, and the result
    /// capped at ``maxBytes`` keeping the extension. Empty results become ``fallback``.
    public static func sanitize(_ name: String) -> String {
        var scalars = ArraySlice(name.unicodeScalars.filter { $0.properties.generalCategory != .control })
        // Dropping leading dots and separators removes `..`, `/abs` and hidden names in one step.
        while let first = scalars.first, first == "." || isSeparator(first) || first.properties.isWhitespace {
            scalars.removeFirst()
        }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var safe = String.UnicodeScalarView()
        for scalar in scalars { safe.append(isSeparator(scalar) ? "_" : scalar) }
        let text = String(safe)
        return text.isEmpty ? fallback : capped(text)
    }

    /// `name` with ` (n)` before its extension (`cat.png` → `cat (1).png`), still within ``maxBytes``.
    /// `name` must already be sanitised.
    public static func numbered(_ name: String, _ number: Int) -> String {
        let (stem, ext) = split(name)
        let suffix = " (\(number))"
        return truncated(stem, toBytes: maxBytes - suffix.utf8.count - ext.utf8.count) + suffix + ext
    }

    /// The hidden temporary name a download of `name` is written under before it is moved into place.
    static func partName(for name: String, tag: UInt64) -> String {
        let suffix = ".part-" + String(tag, radix: 16)
        return "." + truncated(name, toBytes: maxBytes - 1 - suffix.utf8.count) + suffix
    }

    /// `name` cut to ``maxBytes``, keeping a short extension.
    static func capped(_ name: String) -> String {
        guard name.utf8.count > maxBytes else { return name }
        let (stem, ext) = split(name)
        return truncated(stem, toBytes: maxBytes - ext.utf8.count) + ext
    }

    /// Splits `cat.tar.gz` into `cat.tar` and `.gz`; a name without a short extension has an empty one.
    static func split(_ name: String) -> (stem: Substring, ext: Substring) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
            name.utf8[dot...].count <= maxExtensionBytes + 1
        else { return (name[...], "") }
        return (name[..<dot], name[dot...])
    }

    /// The longest prefix of whole Unicode scalars that fits in `limit` UTF-8 bytes; scalars, not
    /// characters, so one huge grapheme cluster cannot empty the name.
    static func truncated(_ text: some StringProtocol, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return String(text) }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let size = UTF8.width(scalar)
            if used + size > limit { break }
            out.append(scalar)
            used += size
        }
        return String(out)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool { scalar == "/" || scalar == "\\" }
}
