import CFFmpeg

/// Decodes a video's first frame with FFmpeg (MP4: H.264 and the rest FFmpeg decodes; WebM: VP8, VP9, AV1), from
/// the bytes in memory (a reader over the buffer, no temporary file), bounded: the container is read by the demuxer
/// its first bytes name (never probed), a frame over ``PictureDecoder/maximumPixels`` is refused by its declared
/// size before it is decoded (and by the decoder itself, which is told the limit), and at most ``maximumPackets``
/// packets are read looking for a frame.
public enum VideoFrameDecoder {
    /// Packets read before giving up on finding a frame (a frame normally comes with the first video packet).
    public static let maximumPackets = 300

    /// The first frame of `bytes`, in the container `format`, fitted inside `fitting` pixels (aspect kept, never
    /// enlarged); `nil` for its own size.
    ///
    /// ```swift
    /// let frame = try VideoFrameDecoder.firstFrame(bytes, format: .mp4, fitting: (width: 320, height: 320))
    /// ```
    public static func firstFrame(_ bytes: [UInt8], format: VideoFormat, fitting: (width: Int, height: Int)?,
                                  maximumPixels: Int = PictureDecoder.maximumPixels,
                                  maximumPackets: Int = maximumPackets) throws(PictureFailure) -> PixelImage {
        if let why = shim_ffmpeg_load() {
            throw PictureFailure(.unknownFormat, "\(format.withArticle) that cannot be drawn here: \(String(cString: why))")
        }
        if let truncation = format.truncation(bytes) {
            throw PictureFailure(.corrupt, "a truncated \(format.name): \(truncation)")
        }
        let limits = Limits(fitting: fitting, maximumPixels: maximumPixels, maximumPackets: maximumPackets)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(PictureFailure) -> PixelImage in
            var input = shim_memory_input(data: buffer.baseAddress, size: Int64(buffer.count), position: 0)
            return try withUnsafeMutablePointer(to: &input) { (input) throws(PictureFailure) -> PixelImage in
                var reader = shim_memory_context(input)
                guard reader != nil else { throw PictureFailure(.corrupt, "no memory to read \(format.withArticle)") }
                defer { shim_free_memory_context(&reader) }
                return try decode(from: reader, format: format, limits: limits)
            }
        }
    }

    /// What a decode may use.
    private struct Limits {
        let fitting: (width: Int, height: Int)?
        let maximumPixels: Int
        let maximumPackets: Int
    }

    /// Opens the container over `reader`, finds its video stream and checks its size.
    private static func decode(from reader: UnsafeMutablePointer<AVIOContext>?, format: VideoFormat,
                               limits: Limits) throws(PictureFailure) -> PixelImage {
        var container = ck_avformat_alloc_context()
        guard container != nil else { throw PictureFailure(.corrupt, "no memory to read \(format.withArticle)") }
        shim_use_memory_context(container, reader)
        // On failure avformat_open_input frees the context and sets it to nil.
        let status = ck_avformat_open_input(&container, nil, ck_av_find_input_format(format.demuxer), nil)
        guard status >= 0, let opened = container else { throw damaged(format, status) }
        defer { ck_avformat_close_input(&container) }
        var decoder: UnsafePointer<AVCodec>?
        let index = ck_av_find_best_stream(opened, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0)
        guard index >= 0, let decoder, let stream = opened.pointee.streams[Int(index)], let parameters = stream.pointee.codecpar else {
            throw missingVideo(in: opened, format: format)
        }
        let declared = (width: Int(parameters.pointee.width), height: Int(parameters.pointee.height))
        if declared.width * declared.height > limits.maximumPixels {
            throw tooLarge(declared.width, declared.height, format: format, limit: limits.maximumPixels)
        }
        var codec = ck_avcodec_alloc_context3(decoder)
        guard let context = codec else { throw PictureFailure(.corrupt, "no memory to decode \(format.withArticle)") }
        defer { ck_avcodec_free_context(&codec) }
        guard ck_avcodec_parameters_to_context(context, parameters) >= 0 else { throw PictureFailure(.corrupt, "a damaged \(format.name): its video stream's parameters") }
        context.pointee.thread_count = 1
        context.pointee.max_pixels = Int64(limits.maximumPixels)
        let codecName = String(cString: ck_avcodec_get_name(parameters.pointee.codec_id))
        let openedCodec = ck_avcodec_open2(context, decoder, nil)
        guard openedCodec >= 0 else {
            throw PictureFailure(.corrupt, "\(format.withArticle) in \(codecName) that cannot be decoded: \(text(of: openedCodec))")
        }
        return try firstFrame(of: opened, stream: index, codec: context, format: format, codecName: codecName, limits: limits)
    }

    /// Reads packets until the decoder gives a frame, at most `limits.maximumPackets` of them, then flushes the
    /// decoder at the end of the stream (a decoder with delay holds its first frame until then).
    private static func firstFrame(of container: UnsafeMutablePointer<AVFormatContext>, stream: Int32,
                                   codec: UnsafeMutablePointer<AVCodecContext>, format: VideoFormat, codecName: String,
                                   limits: Limits) throws(PictureFailure) -> PixelImage {
        var packet = ck_av_packet_alloc()
        var frame = ck_av_frame_alloc()
        defer { ck_av_packet_free(&packet); ck_av_frame_free(&frame) }
        guard let packet, let frame else { throw PictureFailure(.corrupt, "no memory to decode \(format.withArticle)") }
        var lastError: Int32 = 0
        for _ in 0..<limits.maximumPackets {
            let read = ck_av_read_frame(container, packet)
            if read < 0 {
                ck_avcodec_send_packet(codec, nil)
                if ck_avcodec_receive_frame(codec, frame) >= 0 { return try image(of: frame, format: format, limits: limits) }
                if read != shim_error_eof() { lastError = read }
                let why = lastError == 0 ? "its \(codecName) stream ends before its first frame" : text(of: lastError)
                throw PictureFailure(.corrupt, "a damaged \(format.name): \(why)")
            }
            guard packet.pointee.stream_index == stream else { ck_av_packet_unref(packet); continue }
            let sent = ck_avcodec_send_packet(codec, packet)
            ck_av_packet_unref(packet)
            if sent < 0, sent != shim_error_again() { lastError = sent }
            let received = ck_avcodec_receive_frame(codec, frame)
            if received >= 0 { return try image(of: frame, format: format, limits: limits) }
            if received != shim_error_again(), received != shim_error_eof() { lastError = received }
        }
        let why = lastError == 0 ? "" : " (\(text(of: lastError)))"
        throw PictureFailure(.corrupt, "a damaged \(format.name): no \(codecName) frame in its first \(limits.maximumPackets) packets\(why)")
    }

    /// The frame scaled into the box (aspect kept, never enlarged) as packed RGBA.
    private static func image(of frame: UnsafeMutablePointer<AVFrame>, format: VideoFormat, limits: Limits) throws(PictureFailure) -> PixelImage {
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        guard width > 0, height > 0 else { throw PictureFailure(.corrupt, "a damaged \(format.name): a frame of \(width)×\(height) pixels") }
        guard width * height <= limits.maximumPixels else { throw tooLarge(width, height, format: format, limit: limits.maximumPixels) }
        var size = (width: width, height: height)
        if let box = limits.fitting, box.width > 0, box.height > 0, width > box.width || height > box.height {
            let scale = min(Double(box.width) / Double(width), Double(box.height) / Double(height))
            size = (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
        }
        var rgba = [UInt8](repeating: 255, count: size.width * size.height * 4)
        let scaled = rgba.withUnsafeMutableBufferPointer { shim_scale_to_rgba(frame, Int32(size.width), Int32(size.height), $0.baseAddress) }
        guard scaled >= 0, let image = PixelImage(width: size.width, height: size.height, rgba: rgba) else {
            throw PictureFailure(.corrupt, "\(format.withArticle) frame that cannot be converted: \(text(of: scaled))")
        }
        return image
    }

    /// Why there is no video stream to decode: none at all, or one in a codec this FFmpeg cannot decode.
    private static func missingVideo(in container: UnsafeMutablePointer<AVFormatContext>, format: VideoFormat) -> PictureFailure {
        let count = Int(container.pointee.nb_streams)
        // A well-formed container has a stream at least: none read means its header is damaged.
        guard count > 0 else { return PictureFailure(.corrupt, "a damaged \(format.name): no stream could be read from its header") }
        for index in 0..<count {
            guard let parameters = container.pointee.streams[index]?.pointee.codecpar, parameters.pointee.codec_type == AVMEDIA_TYPE_VIDEO else { continue }
            let name = String(cString: ck_avcodec_get_name(parameters.pointee.codec_id))
            return PictureFailure(.unknownFormat, "\(format.withArticle) in \(name), and no \(name) decoder is installed")
        }
        return PictureFailure(.unknownFormat, "\(format.withArticle) without a video stream (\(count == 1 ? "its one stream is" : "its \(count) streams are") not video)")
    }

    private static func damaged(_ format: VideoFormat, _ code: Int32) -> PictureFailure {
        PictureFailure(.corrupt, "a damaged \(format.name): \(text(of: code))")
    }

    private static func tooLarge(_ width: Int, _ height: Int, format: VideoFormat, limit: Int) -> PictureFailure {
        PictureFailure(.tooLarge, "a \(width)×\(height) \(format.name) (\(PictureDecoder.megapixels(width * height))) is too large to draw; "
            + "frames up to \(PictureDecoder.megapixels(limit)) are drawn")
    }

    /// FFmpeg's words for an error code, lower-cased to sit inside a sentence.
    private static func text(of code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        shim_error_text(code, &buffer, buffer.count)
        let words = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return words.prefix(1).lowercased() + words.dropFirst()
    }
}
