/// A decoded picture: 8-bit RGBA, unassociated alpha, rows top to bottom with no padding.
public struct PixelImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A for each pixel.
    public let rgba: [UInt8]

    /// Makes an image from packed RGBA bytes; `nil` when the count is not `width * height * 4`.
    public init?(width: Int, height: Int, rgba: [UInt8]) {
        guard width > 0, height > 0, rgba.count == width * height * 4 else { return nil }
        (self.width, self.height, self.rgba) = (width, height, rgba)
    }

    /// The colour of one pixel, for tests and for a placeholder's average.
    public func pixel(x: Int, y: Int) -> RGB {
        let offset = (y * width + x) * 4
        return RGB(red: rgba[offset], green: rgba[offset + 1], blue: rgba[offset + 2])
    }
}

/// A colour as 8-bit red, green and blue.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// From `0xRRGGBB`, as chafa reports a cell's colours.
    public init(packed: Int) {
        self.init(red: UInt8((packed >> 16) & 0xFF), green: UInt8((packed >> 8) & 0xFF), blue: UInt8(packed & 0xFF))
    }

    public var description: String {
        "#" + [red, green, blue].map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
