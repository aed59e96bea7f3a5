/// The pixels one terminal cell covers, as `CSI 16 t` reports them; pictures are fitted to cells with it so their
/// aspect is kept.
public struct CellSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        (self.width, self.height) = (max(1, width), max(1, height))
    }

    /// What most terminals' fonts come close to when the terminal does not say.
    public static let fallback = CellSize(width: 10, height: 20)
}
