/// `GET /view`: the security checks of `server.py` in their order, then the file, streamed.
struct ViewRoute {
    let context: DoubleContext

    func view(_ request: IncomingRequest) async -> HTTPReply {
        guard var filename = request.queryValue("filename") else { return .status(404) }
        var folder: FileFolder?
        for candidate in FileFolder.allCases where filename.hasSuffix(" [\(candidate.rawValue)]") {
            folder = candidate
            filename = String(filename.dropLast(candidate.rawValue.count + 3))
        }
        guard !filename.isEmpty, !filename.hasPrefix("/"), !filename.contains("..") else { return .status(400) }
        if folder == nil {
            guard let type = FileFolder(rawValue: request.queryValue("type") ?? "output") else { return .status(400) }
            folder = type
        }
        var directory = ""
        if let subfolder = request.queryValue("subfolder") {
            guard !subfolder.hasPrefix("/"), let normalized = RelativePath.normalize(subfolder) else { return .status(403) }
            directory = normalized
        }
        let basename = String(filename.split(separator: "/").last ?? "")
        let path = directory.isEmpty ? basename : directory + "/" + basename
        guard let folder, let content = await context.files.content(at: folder, path: path) else { return .status(404) }

        var contentType = Self.contentType(forFilename: basename)
        if let preview = request.queryValue("preview") {
            // Real ComfyUI re-encodes; the double keeps the bytes and only labels them.
            let format = preview.split(separator: ";").first.map(String.init) ?? "webp"
            contentType = format == "jpeg" ? "image/jpeg" : "image/webp"
        } else if let channel = request.queryValue("channel"), channel == "rgb" || channel == "a" {
            contentType = "image/png"
        }
        var reply = HTTPReply(status: 200, headers: [("Content-Type", contentType), ("Content-Disposition", "filename=\"\(basename)\"")])
        switch content {
        case .bytes(let bytes): reply.body = .bytes(bytes)
        case .produced(let media):
            let chunks = media.chunks()
            reply.body = .stream(chunks, length: chunks.byteCount)
        }
        return reply
    }

    /// Python's `mimetypes.guess_type`, for the extensions ComfyUI produces and accepts.
    static func contentType(forFilename name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let types = [
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif",
            "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "flac": "audio/flac", "mp3": "audio/mpeg",
            "opus": "audio/ogg", "ogg": "audio/ogg", "wav": "audio/x-wav", "json": "application/json", "txt": "text/plain",
            "svg": "image/svg+xml",
        ]
        return types[ext] ?? "application/octet-stream"
    }
}
