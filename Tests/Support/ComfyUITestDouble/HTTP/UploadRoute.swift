/// `POST /upload/image` and `/upload/mask`: `image_upload` in `server.py`, with its rename-on-conflict
/// and same-bytes dedup.
struct UploadRoute {
    let context: DoubleContext

    func upload(_ request: IncomingRequest) async -> HTTPReply {
        if let fault = context.consumeUploadFailure() { return .text(fault.body, status: fault.status) }
        let form = MultipartForm(body: request.body, contentType: request.header("Content-Type")) ?? MultipartForm(parts: [])
        guard let image = form.part("image") else { return .status(400) }
        // A text field named `image` has no `.file` in aiohttp, so ComfyUI raises.
        guard let sentName = image.filename else { return .internalError }
        guard !sentName.isEmpty else { return .status(400) }
        let typeName = form.part("type")?.text ?? "input"
        guard let folder = FileFolder(rawValue: typeName) else { return .internalError }
        let subfolder = form.part("subfolder")?.text ?? ""
        guard let directory = RelativePath.normalize(subfolder), !subfolder.hasPrefix("/"),
              RelativePath.normalize(directory.isEmpty ? sentName : directory + "/" + sentName) != nil,
              !sentName.hasPrefix("/")
        else { return .status(400) }

        let overwrite = form.part("overwrite")?.text
        var name = sentName
        func path(_ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }
        var duplicate = false
        if overwrite != "true" && overwrite != "1" {
            let (stem, ext) = Self.splitExtension(sentName)
            var attempt = 1
            while let existing = await context.files.content(at: folder, path: path(name)) {
                if case .bytes(let bytes) = existing, bytes == image.body { duplicate = true; break }
                name = "\(stem) (\(attempt))\(ext)"
                attempt += 1
            }
        }
        if !duplicate { await context.files.store(.bytes(image.body), at: folder, path: path(name)) }
        await context.recorder.record(RecordedUpload(sentFilename: sentName, storedName: name, subfolder: subfolder, type: folder.rawValue,
                                                     contentType: image.contentType, bytes: image.body, overwrite: overwrite))
        return .json(["name": .string(name), "subfolder": .string(subfolder), "type": .string(folder.rawValue)])
    }

    /// `os.path.splitext`: the extension starts at the last dot that is not leading.
    static func splitExtension(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name[name.startIndex..<dot].contains(where: { $0 != "." }) else {
            return (name, "")
        }
        return (String(name[..<dot]), String(name[dot...]))
    }
}
