import Foundation

/// Prints a measurement as one JSON line on stdout.
func emit(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
}

/// A measurement could not be taken; the driver shows this text.
struct BenchError: Error, CustomStringConvertible {
    let description: String
}
