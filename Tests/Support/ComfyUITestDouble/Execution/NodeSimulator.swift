/// Stands in for node implementations: derives output shapes from inputs, and what each output node
/// writes, the way the recorded core nodes behave. Unknown classes get generic outputs by type.
struct NodeSimulator: Sendable {
    let catalog: NodeCatalog
    let files: FileStore

    func simulate(nodeID: String, classType: String, inputs: NodeInputs, tempPrefix: String) async throws(NodeFailure) -> NodeOutcome {
        if let outcome = try outputNode(classType, inputs, tempPrefix: tempPrefix) { return outcome }
        switch classType {
        case "EmptyImage":
            return outcome(.image(width: inputs.int("width", default: 512), height: inputs.int("height", default: 512),
                                  batch: inputs.int("batch_size", default: 1), rgb: inputs.int("color", default: 0)))
        case "LoadImage", "LoadImageOutput", "LoadImageMask":
            let size = await imageSize(of: inputs.string("image", default: ""))
            let mask = SimValue.mask(width: size.width, height: size.height, batch: 1)
            if classType == "LoadImageMask" { return outcome(mask) }
            return NodeOutcome(outputs: [.image(width: size.width, height: size.height, batch: 1, rgb: 0x808080), mask])
        case "ImageScale":
            return outcome(scaled(inputs.firstImageLike, width: inputs.int("width", default: 0), height: inputs.int("height", default: 0)))
        case "ImageScaleBy":
            let shape = shapeOf(inputs.firstImageLike)
            let factor = inputs.double("scale_by", default: 1)
            return outcome(.image(width: Int((Double(shape.width) * factor).rounded()), height: Int((Double(shape.height) * factor).rounded()), batch: shape.batch, rgb: shape.rgb))
        case "ImageUpscaleWithModel":
            let shape = shapeOf(inputs.firstImageLike)
            let factor = inputs.linked("upscale_model").flatMap { if case .scalar(.integer(let scale)) = $0 { return scale } else { return nil } } ?? 2
            let tiles = shape.batch * Int((Double(shape.height) / 480).rounded(.up)) * Int((Double(shape.width) / 480).rounded(.up))
            var result = outcome(.image(width: shape.width * factor, height: shape.height * factor, batch: shape.batch, rgb: shape.rgb))
            result.progress = .counting(to: tiles)
            return result
        case "UpscaleModelLoader":
            let name = inputs.string("model_name", default: "")
            let scale = ["x8": 8, "x4": 4, "x3": 3, "x1": 1].first { name.lowercased().contains($0.key) }?.value ?? 2
            return outcome(.scalar(.integer(scale)))
        case "RepeatImageBatch":
            let shape = shapeOf(inputs.firstImageLike)
            return outcome(.image(width: shape.width, height: shape.height, batch: shape.batch * inputs.int("amount", default: 1), rgb: shape.rgb))
        case "ImageBatch":
            let first = shapeOf(inputs.linked("image1")), second = shapeOf(inputs.linked("image2"))
            return outcome(.image(width: first.width, height: first.height, batch: first.batch + second.batch, rgb: first.rgb))
        case "ImageToMask":
            let shape = shapeOf(inputs.firstImageLike)
            return outcome(.mask(width: shape.width, height: shape.height, batch: shape.batch))
        case "GetImageSize":
            let shape = shapeOf(inputs.firstImageLike)
            var result = NodeOutcome(outputs: [.scalar(.integer(shape.width)), .scalar(.integer(shape.height)), .scalar(.integer(shape.batch))])
            result.progressText = "width: \(shape.width), height: \(shape.height)\n batch size: \(shape.batch)"
            return result
        case "StringConcatenate":
            return outcome(.scalar(.string(inputs.string("string_a", default: "") + inputs.string("delimiter", default: "") + inputs.string("string_b", default: ""))))
        case "EmptyAudio":
            return outcome(.audio(channels: inputs.int("channels", default: 2), sampleRate: inputs.int("sample_rate", default: 44100),
                                  batch: 1, seconds: inputs.double("duration", default: 60)))
        case "LoadAudio":
            let format = await audioFormat(of: inputs.string("audio", default: ""))
            return outcome(.audio(channels: format.channels, sampleRate: format.sampleRate, batch: 1, seconds: 1))
        case "SplitAudioChannels":
            guard case .audio(let channels, let rate, let batch, let seconds) = inputs.firstAudio ?? .opaque("AUDIO"), channels == 2 else {
                throw NodeFailure(exceptionType: "ValueError", message: "AudioSplit: Input audio has only one channel.", traceback: PythonTraceback.monoAudioSplit)
            }
            let mono = SimValue.audio(channels: 1, sampleRate: rate, batch: batch, seconds: seconds)
            return NodeOutcome(outputs: [mono, mono])
        case "CreateVideo":
            let shape = shapeOf(inputs.firstImageLike)
            return outcome(.video(width: shape.width, height: shape.height, frames: shape.batch, fps: inputs.double("fps", default: 30)))
        case "EmptyLatentImage", "EmptySD3LatentImage":
            return outcome(.latent(width: inputs.int("width", default: 512), height: inputs.int("height", default: 512), batch: inputs.int("batch_size", default: 1)))
        case "KSampler":
            var result = generic(classType, inputs)
            result.progress = .counting(to: inputs.int("steps", default: 20), preview: .sampler)
            return result
        case "KSamplerAdvanced":
            let steps = inputs.int("steps", default: 20)
            let count = max(0, min(inputs.int("end_at_step", default: 10000), steps) - inputs.int("start_at_step", default: 0))
            var result = generic(classType, inputs)
            result.progress = .counting(to: count, preview: .sampler)
            return result
        default:
            return generic(classType, inputs)
        }
    }

    func outcome(_ value: SimValue) -> NodeOutcome { NodeOutcome(outputs: [value]) }

    /// One value per declared output type, shaped from the node's inputs.
    func generic(_ classType: String, _ inputs: NodeInputs) -> NodeOutcome {
        let types = catalog[classType]?.outputTypes ?? []
        let shape = inputs.firstImageLike.flatMap(\.pixelShape)
        let outputs: [SimValue] = types.map { type in
            switch type {
            case "IMAGE":
                if case .image? = inputs.firstImageLike { return inputs.firstImageLike! }
                return shape.map { .image(width: $0.width, height: $0.height, batch: $0.batch, rgb: 0x808080) } ?? SimValue.defaultImage
            case "MASK": return .mask(width: shape?.width ?? 512, height: shape?.height ?? 512, batch: shape?.batch ?? 1)
            case "LATENT":
                if case .latent? = inputs.firstImageLike { return inputs.firstImageLike! }
                return .latent(width: shape?.width ?? 512, height: shape?.height ?? 512, batch: shape?.batch ?? 1)
            case "AUDIO": return inputs.firstAudio ?? .audio(channels: 2, sampleRate: 44100, batch: 1, seconds: 1)
            // Primitive-like nodes (`PrimitiveInt`, `PrimitiveString`, …) pass their `value` widget through.
            case "INT": return .scalar(inputs.widget("value")?.intValue.map { .integer($0) } ?? .integer(0))
            case "FLOAT": return .scalar(inputs.widget("value")?.numericValue.map { .float($0) } ?? .float(0))
            case "STRING": return .scalar(.string(inputs.widget("value").map(PythonRepr.str) ?? ""))
            case "BOOLEAN": return .scalar(.bool(inputs.widget("value").map(WidgetConversion.truthiness) ?? false))
            default: return .opaque(type)
            }
        }
        return NodeOutcome(outputs: outputs)
    }

    struct Shape { var width: Int; var height: Int; var batch: Int; var rgb: Int }

    func shapeOf(_ value: SimValue?) -> Shape {
        if case .image(let width, let height, let batch, let rgb)? = value { return Shape(width: width, height: height, batch: batch, rgb: rgb) }
        guard let shape = value?.pixelShape else { return Shape(width: 512, height: 512, batch: 1, rgb: 0) }
        return Shape(width: shape.width, height: shape.height, batch: shape.batch, rgb: 0x808080)
    }

    /// `ImageScale`: a zero side keeps the aspect ratio.
    private func scaled(_ value: SimValue?, width: Int, height: Int) -> SimValue {
        let shape = shapeOf(value)
        var width = width, height = height
        if width == 0, height == 0 { width = shape.width; height = shape.height }
        if width == 0 { width = max(1, Int((Double(shape.width) * Double(height) / Double(max(1, shape.height))).rounded())) }
        if height == 0 { height = max(1, Int((Double(shape.height) * Double(width) / Double(max(1, shape.width))).rounded())) }
        return .image(width: width, height: height, batch: shape.batch, rgb: shape.rgb)
    }

    private func imageSize(of name: String) async -> MediaProbe.ImageSize {
        if case .bytes(let bytes)? = await inputFile(name), let size = MediaProbe.imageSize(bytes) { return size }
        return MediaProbe.ImageSize(width: 512, height: 512)
    }

    private func audioFormat(of name: String) async -> MediaProbe.AudioFormat {
        if case .bytes(let bytes)? = await inputFile(name), let format = MediaProbe.audioFormat(bytes) { return format }
        return MediaProbe.AudioFormat(channels: 2, sampleRate: 44100)
    }

    /// An input file by node value: `name`, `sub/name` or `name [output]`.
    private func inputFile(_ name: String) async -> StoredContent? {
        for folder in FileFolder.allCases where name.hasSuffix(" [\(folder.rawValue)]") {
            guard let path = RelativePath.normalize(String(name.dropLast(folder.rawValue.count + 3))) else { return nil }
            return await files.content(at: folder, path: path)
        }
        guard let path = RelativePath.normalize(name) else { return nil }
        return await files.content(at: .input, path: path)
    }
}
