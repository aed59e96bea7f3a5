import CChafa

/// Turns decoded pixels into what the chosen protocol draws, with libchafa: kitty, sixel or iTerm2 bytes, or symbol
/// art (chafa's default symbols for a colour terminal: blocks, borders and spaces, no wide or inverted ones) read
/// back cell by cell. The picture is fitted inside the cells it is given, its aspect kept through the cell size.
///
/// ```swift
/// let encoder = PictureEncoder(choice: choice, cellSize: answers.cellSize ?? .fallback)
/// let picture = encoder.encode(image, columns: 40, rows: 20, kittyImageID: 7)
/// ```
public struct PictureEncoder: Sendable {
    public let choice: PictureChoice
    public let cellSize: CellSize

    public init(choice: PictureChoice, cellSize: CellSize) {
        (self.choice, self.cellSize) = (choice, cellSize)
    }

    /// The cells a `width`×`height` picture covers when fitted inside `columns`×`rows`, aspect kept (enlarged to
    /// fill the box when smaller); at least one cell each way.
    public func fittedCells(width: Int, height: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        var fitColumns = Int32(max(1, columns)), fitRows = Int32(max(1, rows))
        let fontRatio = Float(cellSize.width) / Float(cellSize.height)
        chafa_calc_canvas_geometry(Int32(max(1, width)), Int32(max(1, height)), &fitColumns, &fitRows, fontRatio, 1, 0)
        return (Int(max(1, fitColumns)), Int(max(1, fitRows)))
    }

    /// The picture fitted inside `columns`×`rows` cells in the chosen protocol; `.symbols([])` when pictures are off.
    public func encode(_ image: PixelImage, columns: Int, rows: Int) -> EncodedPicture {
        encode(image, columns: columns, rows: rows, kittyImageID: nil)
    }

    /// ``encode(_:columns:rows:)``, where a kitty image gets `kittyImageID` (1 and up), so ``erase(kittyImageID:)``
    /// can delete that one image; kitty is also told not to answer (`q=2`), so nothing reaches the input.
    public func encode(_ image: PixelImage, columns: Int, rows: Int, kittyImageID: UInt32?) -> EncodedPicture {
        guard choice.picture != .off, columns > 0, rows > 0 else { return .symbols([]) }
        let cells = fittedCells(width: image.width, height: image.height, columns: columns, rows: rows)
        let canvas = ChafaDrawing(image: image, columns: cells.columns, rows: cells.rows, mode: mode, cellSize: cellSize)
        switch choice.picture {
        case .symbols, .off:
            return .symbols(canvas.cells(monochrome: choice.monochrome))
        case .kitty, .sixel, .iterm:
            var bytes = canvas.printed()
            if choice.picture == .kitty { bytes = KittySequences.identify(bytes, imageID: kittyImageID) }
            return .graphics(bytes: wrapped(bytes), columns: cells.columns, rows: cells.rows)
        }
    }

    /// The picture fitted inside `columns`×`rows` cells as kitty image `imageID` (1 and up), sent for the terminal to
    /// keep without showing it: the bytes to write once, and the image to place afterwards as often as needed with
    /// ``kittyPlacement(_:)``. `nil` unless the choice is kitty.
    ///
    /// ```swift
    /// if let (image, bytes) = encoder.kittyTransmission(pixels, columns: 40, rows: 20, imageID: 9) {
    ///     write(bytes)                           // once
    ///     write(encoder.kittyPlacement(image))   // at the cursor, each time it is shown
    /// }
    /// ```
    public func kittyTransmission(_ image: PixelImage, columns: Int, rows: Int, imageID: UInt32) -> (image: KittyImage, bytes: [UInt8])? {
        guard choice.picture == .kitty, columns > 0, rows > 0 else { return nil }
        let cells = fittedCells(width: image.width, height: image.height, columns: columns, rows: rows)
        let drawn = ChafaDrawing(image: image, columns: cells.columns, rows: cells.rows, mode: .kitty, cellSize: cellSize).printed()
        guard let sent = KittySequences.transmitOnly(drawn, imageID: imageID) else { return nil }
        let bytes = wrapped(sent)
        return (KittyImage(imageID: imageID, columns: cells.columns, rows: cells.rows, transmittedBytes: bytes.count), bytes)
    }

    /// Shows a kitty image sent before (``kittyTransmission(_:columns:rows:imageID:)``) at the cursor, over its cells.
    public func kittyPlacement(_ image: KittyImage) -> [UInt8] {
        wrapped(KittySequences.place(imageID: image.imageID, columns: image.columns, rows: image.rows))
    }

    /// Bytes for a plain terminal (`comfykit run --show`): graphics as they are, symbol art as lines of text with
    /// SGR colours, each line ended with a reset and a newline.
    public func printable(_ image: PixelImage, columns: Int, rows: Int) -> [UInt8] {
        guard choice.picture != .off, columns > 0, rows > 0 else { return [] }
        guard choice.picture == .symbols else {
            guard case .graphics(let bytes, _, _) = encode(image, columns: columns, rows: rows) else { return [] }
            return bytes + Array("\n".utf8)
        }
        let cells = fittedCells(width: image.width, height: image.height, columns: columns, rows: rows)
        return ChafaDrawing(image: image, columns: cells.columns, rows: cells.rows, mode: mode, cellSize: cellSize).printed()
    }

    /// Deletes the kitty image `kittyImageID` (every placement of it) and frees its data; nothing for the other
    /// protocols, whose pictures go when the cells under them are redrawn.
    public func erase(kittyImageID: UInt32) -> [UInt8] {
        guard choice.picture == .kitty else { return [] }
        return wrapped(KittySequences.delete(imageID: kittyImageID))
    }

    /// Deletes every kitty image on the screen (on exit, or when a whole screen is replaced).
    public func eraseAll() -> [UInt8] {
        guard choice.picture == .kitty else { return [] }
        return wrapped(KittySequences.deleteAll)
    }

    private var mode: ChafaDrawing.Mode {
        switch choice.picture {
        case .kitty: .kitty
        case .sixel: .sixel
        case .iterm: .iterm
        case .symbols, .off: choice.monochrome ? .monochromeSymbols : .colourSymbols
        }
    }

    private func wrapped(_ bytes: [UInt8]) -> [UInt8] {
        choice.passthrough ? TmuxPassthrough.wrapEach(bytes) : bytes
    }
}
