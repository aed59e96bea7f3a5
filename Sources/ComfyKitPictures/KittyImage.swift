/// A kitty image the terminal keeps: sent once (``PictureEncoder/kittyTransmission(_:columns:rows:imageID:)``),
/// then shown by its id wherever it is placed (``PictureEncoder/kittyPlacement(_:)``) and freed by its id
/// (``PictureEncoder/erase(kittyImageID:)``). What a cache keeps of it is this: an id and a size, not the pixels.
public struct KittyImage: Sendable, Hashable {
    public let imageID: UInt32
    /// The cells it covers when placed.
    public let columns: Int
    public let rows: Int
    /// The bytes sent for it: what the terminal holds until it is freed.
    public let transmittedBytes: Int

    public init(imageID: UInt32, columns: Int, rows: Int, transmittedBytes: Int) {
        (self.imageID, self.columns, self.rows, self.transmittedBytes) = (imageID, columns, rows, transmittedBytes)
    }
}
