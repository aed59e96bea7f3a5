import CGdkPixbuf
import CPNG

/// Decodes PNG with libpng and JPEG, WebP (an animation's first frame) and GIF with gdk-pixbuf, bounded: the size is
/// read from the header before any pixel, a picture over ``maximumPixels`` is refused there, and a picture larger
/// than the box it is wanted for is scaled while decoding where the decoder can (PNG a row at a time, JPEG by its
/// DCT scaling) and right after otherwise.
public enum PictureDecoder {
    /// 40 megapixels (an 8K×5K picture, 160 MB as RGBA while it is scaled): anything larger is refused.
    public static let maximumPixels = 40_000_000

    /// Decodes `bytes`, recognising the format from them.
    ///
    /// ```swift
    /// let image = try PictureDecoder.decode(bytes, fitting: (width: 400, height: 400))
    /// ```
    /// - Parameter fitting: a box in pixels the result fits in, aspect kept (never enlarged); `nil` for full size.
    public static func decode(_ bytes: [UInt8], fitting: (width: Int, height: Int)?) throws(PictureFailure) -> PixelImage {
        try decode(bytes, fitting: fitting, maximumPixels: maximumPixels)
    }

    /// ``decode(_:fitting:)`` with a pixel limit of the caller's.
    public static func decode(_ bytes: [UInt8], fitting: (width: Int, height: Int)?, maximumPixels: Int) throws(PictureFailure) -> PixelImage {
        guard !bytes.isEmpty else { throw PictureFailure(.empty, "an empty file (0 bytes), not a picture") }
        guard let format = PictureFormat.sniff(bytes) else { throw PictureFailure(.unknownFormat, PictureFormat.unknownReason(bytes)) }
        if format == .png { return try decodePNG(bytes, fitting: fitting, maximumPixels: maximumPixels) }
        var error: UnsafeMutablePointer<GError>?
        guard let loader = gdk_pixbuf_loader_new_with_type(format.rawValue, &error) else {
            let detail = Self.take(&error) ?? "no decoder"
            throw PictureFailure(.unknownFormat, "\(format.name), but no \(format.name) decoder is installed (\(detail))")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(loader)) }
        var request = shim_size_request(fit_width: Int32(clamping: fitting?.width ?? 0), fit_height: Int32(clamping: fitting?.height ?? 0),
                                        pixel_limit: Int64(maximumPixels), width: 0, height: 0, refused: 0)
        return try withUnsafeMutablePointer(to: &request) { (request: UnsafeMutablePointer<shim_size_request>) throws(PictureFailure) -> PixelImage in
            shim_connect_size_prepared(loader, request)
            try feed(bytes, to: loader, format: format, request: request)
            guard let pixbuf = gdk_pixbuf_loader_get_pixbuf(loader) else {
                throw PictureFailure(.corrupt, "a \(format.name) without pixels")
            }
            return try pixelImage(from: pixbuf, fitting: fitting, format: format)
        }
    }

    /// Writes the bytes in pieces (the first small, so the header's size is seen before many pixels are), stopping
    /// as soon as the size is refused; then closes the loader, whose complaints make a damaged picture's reason.
    private static func feed(_ bytes: [UInt8], to loader: UnsafeMutablePointer<GdkPixbufLoader>, format: PictureFormat,
                             request: UnsafeMutablePointer<shim_size_request>) throws(PictureFailure) {
        var error: UnsafeMutablePointer<GError>?
        var offset = 0
        var written = true
        bytes.withUnsafeBufferPointer { buffer in
            while written, offset < buffer.count, request.pointee.refused == 0 {
                let length = min(offset == 0 ? 4096 : 65536, buffer.count - offset)
                written = gdk_pixbuf_loader_write(loader, buffer.baseAddress! + offset, gsize(length), &error) != 0
                offset += length
            }
        }
        var closeError: UnsafeMutablePointer<GError>?
        let closed = gdk_pixbuf_loader_close(loader, &closeError) != 0
        let refused = request.pointee
        if refused.refused != 0 {
            _ = (take(&error), take(&closeError))
            throw PictureFailure(.tooLarge, "a \(refused.width)×\(refused.height) \(format.name) (\(megapixels(Int(refused.width) * Int(refused.height)))) is too large to draw; "
                + "pictures up to \(megapixels(Int(request.pointee.pixel_limit))) are drawn")
        }
        let writeMessage = take(&error), closeMessage = take(&closeError)
        if let message = writeMessage ?? (closed ? nil : closeMessage) {
            let truncated = message.localizedLowercase.contains("premature") || message.localizedLowercase.contains("truncat")
                || message.localizedLowercase.contains("not enough") || message.localizedLowercase.contains("end of")
            throw PictureFailure(.corrupt, "\(truncated ? "a truncated" : "a damaged") \(format.name): \(message)")
        }
        if let truncation = format.truncation(bytes) {
            throw PictureFailure(.corrupt, "a truncated \(format.name): \(truncation)")
        }
    }

    /// Copies the pixbuf's rows (RGB or RGBA, rows padded to their stride) into packed RGBA, scaled into the box
    /// first when the decoder could not scale while decoding (an animation's frame).
    private static func pixelImage(from decoded: OpaquePointer, fitting: (width: Int, height: Int)?,
                                   format: PictureFormat) throws(PictureFailure) -> PixelImage {
        var pixbuf = decoded
        var scaled: OpaquePointer?
        defer { if let scaled { g_object_unref(UnsafeMutableRawPointer(scaled)) } }
        let width = Int(gdk_pixbuf_get_width(pixbuf)), height = Int(gdk_pixbuf_get_height(pixbuf))
        if let fitting, fitting.width > 0, fitting.height > 0, width > fitting.width || height > fitting.height {
            let scale = min(Double(fitting.width) / Double(width), Double(fitting.height) / Double(height))
            scaled = gdk_pixbuf_scale_simple(pixbuf, Int32(max(1, (Double(width) * scale).rounded())),
                                             Int32(max(1, (Double(height) * scale).rounded())), GDK_INTERP_BILINEAR)
            if let scaled { pixbuf = scaled }
        }
        let outWidth = Int(gdk_pixbuf_get_width(pixbuf)), outHeight = Int(gdk_pixbuf_get_height(pixbuf))
        let channels = Int(gdk_pixbuf_get_n_channels(pixbuf)), stride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        guard gdk_pixbuf_get_bits_per_sample(pixbuf) == 8, channels == 3 || channels == 4, let source = gdk_pixbuf_read_pixels(pixbuf) else {
            throw PictureFailure(.corrupt, "a \(format.name) in a pixel layout that is not drawn")
        }
        var rgba = [UInt8](repeating: 255, count: outWidth * outHeight * 4)
        rgba.withUnsafeMutableBufferPointer { target in
            for y in 0..<outHeight {
                let row = source + y * stride
                var out = y * outWidth * 4
                for x in 0..<outWidth {
                    let pixel = row + x * channels
                    target[out] = pixel[0]
                    target[out + 1] = pixel[1]
                    target[out + 2] = pixel[2]
                    if channels == 4 { target[out + 3] = pixel[3] }
                    out += 4
                }
            }
        }
        guard let image = PixelImage(width: outWidth, height: outHeight, rgba: rgba) else {
            throw PictureFailure(.corrupt, "a \(format.name) of \(outWidth)×\(outHeight) pixels")
        }
        return image
    }

    /// A PNG through libpng (CPNG), its rows averaged into the box as they are inflated: a 1024×1024 PNG for a
    /// 400×400 thumbnail never exists at full size, and ComfyUI's outputs skip gdk-pixbuf's loader, its full-size
    /// pixbuf and its scaling pass (about 2 ms of a 20 ms decode here; the rest is zlib's inflate).
    private static func decodePNG(_ bytes: [UInt8], fitting: (width: Int, height: Int)?, maximumPixels: Int) throws(PictureFailure) -> PixelImage {
        var result = png_reader_result()
        result.fit_width = Int32(clamping: fitting?.width ?? 0)
        result.fit_height = Int32(clamping: fitting?.height ?? 0)
        result.pixel_limit = Int64(maximumPixels)
        bytes.withUnsafeBufferPointer { png_reader_decode($0.baseAddress, $0.count, &result) }
        defer { png_reader_free(result.rgba) }
        let message = withUnsafeBytes(of: result.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch result.status {
        case png_reader_ok:
            break
        case png_reader_too_large:
            let pixels = Int(result.width) * Int(result.height)
            throw PictureFailure(.tooLarge, "a \(result.width)×\(result.height) PNG (\(megapixels(pixels))) is too large to draw; "
                + "pictures up to \(megapixels(maximumPixels)) are drawn")
        case png_reader_truncated:
            throw PictureFailure(.corrupt, "a truncated PNG: \(message)")
        case png_reader_no_memory:
            throw PictureFailure(.tooLarge, "a \(result.width)×\(result.height) PNG: out of memory while decoding it")
        default:
            throw PictureFailure(.corrupt, "a damaged PNG: \(message.isEmpty ? "libpng refused it" : message)")
        }
        if let truncation = PictureFormat.png.truncation(bytes) {
            throw PictureFailure(.corrupt, "a truncated PNG: \(truncation)")
        }
        let count = Int(result.out_width) * Int(result.out_height) * 4
        let rgba = [UInt8](UnsafeBufferPointer(start: result.rgba, count: count))
        guard let image = PixelImage(width: Int(result.out_width), height: Int(result.out_height), rgba: rgba) else {
            throw PictureFailure(.corrupt, "a PNG of \(result.out_width)×\(result.out_height) pixels")
        }
        return image
    }

    static func megapixels(_ pixels: Int) -> String {
        let tenths = (pixels + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) megapixels" : "\(tenths / 10).\(tenths % 10) megapixels"
    }

    /// The error's message, freeing it.
    private static func take(_ error: inout UnsafeMutablePointer<GError>?) -> String? {
        guard let taken = error else { return nil }
        defer { g_error_free(taken); error = nil }
        return taken.pointee.message.map { String(cString: $0) }
    }
}
