/// The kitty graphics protocol's pieces that chafa does not write: an image id on the first chunk (so the image
/// can be deleted alone) with `q=2` (no answers into the input), transmission without display, placements of an
/// image sent before, and the delete commands.
enum KittySequences {
    private static let firstChunk = Array("\u{1B}_Ga=T,".utf8)

    /// `bytes` (chafa's kitty image) with `i=<id>,q=2,` after the first chunk's `a=T,`.
    static func identify(_ bytes: [UInt8], imageID: UInt32?) -> [UInt8] {
        guard bytes.starts(with: firstChunk) else { return bytes }
        let keys = (imageID.map { "i=\($0)," } ?? "") + "q=2,"
        return firstChunk + Array(keys.utf8) + bytes.dropFirst(firstChunk.count)
    }

    /// `bytes` (chafa's kitty image) sent to be kept as image `imageID` and not shown (`a=t`): ``place(imageID:columns:rows:)``
    /// shows it; `nil` when the bytes are not chafa's kitty image.
    static func transmitOnly(_ bytes: [UInt8], imageID: UInt32) -> [UInt8]? {
        guard bytes.starts(with: firstChunk) else { return nil }
        return Array("\u{1B}_Ga=t,i=\(imageID),q=2,".utf8) + bytes.dropFirst(firstChunk.count)
    }

    /// Shows image `imageID` (sent before) over `columns`×`rows` cells from the cursor, leaving the cursor there.
    static func place(imageID: UInt32, columns: Int, rows: Int) -> [UInt8] {
        Array("\u{1B}_Ga=p,i=\(imageID),c=\(columns),r=\(rows),C=1,q=2\u{1B}\\".utf8)
    }

    static func delete(imageID: UInt32) -> [UInt8] {
        Array("\u{1B}_Ga=d,d=I,i=\(imageID),q=2\u{1B}\\".utf8)
    }

    static let deleteAll = Array("\u{1B}_Ga=d,d=A,q=2\u{1B}\\".utf8)
}
