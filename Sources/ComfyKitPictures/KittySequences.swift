/// The kitty graphics protocol's pieces that chafa does not write: an image id on the first chunk (so the image
/// can be deleted alone) with `q=2` (no answers into the input), and the delete commands.
enum KittySequences {
    private static let firstChunk = Array("\u{1B}_Ga=T,".utf8)

    /// `bytes` (chafa's kitty image) with `i=<id>,q=2,` after the first chunk's `a=T,`.
    static func identify(_ bytes: [UInt8], imageID: UInt32?) -> [UInt8] {
        guard bytes.starts(with: firstChunk) else { return bytes }
        let keys = (imageID.map { "i=\($0)," } ?? "") + "q=2,"
        return firstChunk + Array(keys.utf8) + bytes.dropFirst(firstChunk.count)
    }

    static func delete(imageID: UInt32) -> [UInt8] {
        Array("\u{1B}_Ga=d,d=I,i=\(imageID),q=2\u{1B}\\".utf8)
    }

    static let deleteAll = Array("\u{1B}_Ga=d,d=A,q=2\u{1B}\\".utf8)
}
