extension NodeSimulator {
    /// The output nodes the recordings cover: what they write and report.
    func outputNode(_ classType: String, _ inputs: NodeInputs, tempPrefix: String) throws(NodeFailure) -> NodeOutcome? {
        let prefix = inputs.string("filename_prefix", default: "ComfyUI")
        let image = shapeOf(inputs.firstImageLike)
        let png = ProducedMedia.Kind.png(width: image.width, height: image.height, rgb: image.rgb)
        let audioCount: Int = {
            if case .audio(_, _, let batch, _)? = inputs.firstAudio { return batch }
            return 1
        }()
        func save(_ uiKey: String, _ folder: FileFolder, _ prefix: String, _ ext: String, count: Int, media: ProducedMedia.Kind? = nil, animated: Bool = false) -> NodeOutcome {
            NodeOutcome(save: SaveRequest(uiKey: uiKey, folder: folder, prefix: prefix, fileExtension: ext, count: count,
                                          media: media ?? .other(fileExtension: ext), animated: animated))
        }
        switch classType {
        case "SaveImage": return save("images", .output, prefix, "png", count: image.batch, media: png)
        case "PreviewImage": return save("images", .temp, tempPrefix, "png", count: image.batch, media: png)
        case "MaskPreview":
            return save("images", .temp, tempPrefix, "png", count: image.batch, media: .png(width: image.width, height: image.height, rgb: 0x808080))
        case "SaveAnimatedWEBP": return save("images", .output, prefix, "webp", count: 1, animated: true)
        case "SaveAnimatedPNG": return save("images", .output, prefix, "png", count: 1, media: png, animated: true)
        case "SaveVideo":
            let format = inputs.string("format", default: "auto")
            return save("images", .output, prefix, format == "auto" ? "mp4" : format, count: 1, animated: true)
        case "SaveWEBM": return save("images", .output, prefix, "webm", count: 1, animated: true)
        case "SaveAudio": return save("audio", .output, prefix, "flac", count: audioCount)
        case "SaveAudioMP3": return save("audio", .output, prefix, "mp3", count: audioCount)
        case "SaveAudioOpus": return save("audio", .output, prefix, "opus", count: audioCount)
        case "PreviewAudio": return save("audio", .temp, tempPrefix, "flac", count: audioCount)
        case "PreviewAny":
            return NodeOutcome(text: [previewText(inputs["source"])])
        case "SaveImageWebsocket":
            var outcome = NodeOutcome()
            outcome.progress = ProgressPlan(values: Array(0..<image.batch), max: image.batch,
                                            preview: .image(width: image.width, height: image.height, rgb: image.rgb))
            return outcome
        default:
            return nil
        }
    }

    /// `PreviewAny`: strings as they are, numbers and booleans via `str()`, other values via `str()` too.
    private func previewText(_ value: NodeInputs.Value?) -> String {
        switch value {
        case .widget(let widget)?: return PythonRepr.str(widget)
        case .linked(let linked)?: return linked.pythonDescription
        case nil: return "None"
        }
    }
}
