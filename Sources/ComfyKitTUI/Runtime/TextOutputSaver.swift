import Foundation

/// Saves a run's text output as `NAME.txt` in the download folder, never over an existing file
/// (`NAME-2.txt`, … as downloads do).
enum TextOutputSaver {
    /// Writes the text and returns its path.
    static func save(_ text: String, name: String, in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = safeName(name)
        var number = 1
        while true {
            let file = folder.appendingPathComponent(number == 1 ? "\(base).txt" : "\(base)-\(number).txt")
            do {
                // `.withoutOverwriting` makes the existence check and the write one step.
                try Data(text.utf8).write(to: file, options: .withoutOverwriting)
                return file.path
            } catch CocoaError.fileWriteFileExists {
                number += 1
            }
        }
    }

    /// The output name as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`.
    static func safeName(_ name: String) -> String {
        let kept = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        let trimmed = kept.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return trimmed.isEmpty ? "text" : trimmed
    }
}
