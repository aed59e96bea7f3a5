/// The read-only routes: `object_info`, `system_stats`, `features` and the small ones a client may probe.
struct InfoRoutes {
    let context: DoubleContext

    static let knownRoutes: Set<String> = ["/", "/object_info", "/system_stats", "/features", "/embeddings", "/models", "/extensions", "/free"]

    func reply(_ request: IncomingRequest) -> HTTPReply? {
        let route = request.route
        if request.method == "GET", route.hasPrefix("/object_info/") {
            let name = String(route.dropFirst("/object_info/".count))
            guard let info = context.catalog[name] else { return .json([:]) }
            return .json([name: info.info])
        }
        if request.method == "GET", route.hasPrefix("/models/") {
            let folder = String(route.dropFirst("/models/".count))
            guard Self.modelFolders.contains(folder) else { return .status(404) }
            return .json(.array((context.configuration.models[folder] ?? []).map { .string($0) }))
        }
        switch (request.method, route) {
        case ("GET", "/"):
            return HTTPReply(status: 200, headers: [("Content-Type", "text/html")], body: .bytes(Array("<!doctype html><title>ComfyUI</title>".utf8)))
        case ("GET", "/object_info"):
            let body = context.objectInfoBody.withLock { cached in
                if let cached { return cached }
                let bytes = JSONWriter.bytes(context.catalog.objectInfo())
                cached = bytes
                return bytes
            }
            return HTTPReply(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: .bytes(body))
        case ("GET", "/system_stats"): return .json(systemStats)
        case ("GET", "/features"): return .json(features)
        case ("GET", "/embeddings"), ("GET", "/extensions"): return .json([])
        case ("GET", "/models"): return .json(.array(Self.modelFolders.map { .string($0) }))
        case ("POST", "/free"): return .status(200)
        default: return nil
        }
    }

    /// The WebSocket `feature_flags` reply and `GET /features`.
    var features: JSONValue {
        ["supports_preview_metadata": true, "max_upload_size": .integer(context.configuration.maxUploadSize)]
    }

    static let modelFolders = [
        "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision", "style_models", "embeddings",
        "diffusers", "vae_approx", "controlnet", "gligen", "upscale_models", "custom_nodes", "hypernetworks", "photomaker",
        "classifiers", "model_patches", "audio_encoders",
    ]

    /// The recorded `/system_stats`, verbatim.
    var systemStats: JSONValue {
        [
            "system": [
                "os": "posix", "ram_total": 25_276_510_208, "ram_free": 23_898_120_192, "comfyui_version": "0.3.64",
                "required_frontend_version": "1.27.10", "installed_templates_version": "0.1.95", "required_templates_version": "0.1.95",
                "python_version": "3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]", "pytorch_version": "2.8.0+cu128",
                "embedded_python": false,
                "argv": ["main.py", "--cpu", "--listen", "127.0.0.1", "--port", "8188", "--disable-all-custom-nodes", "--disable-auto-launch"],
            ],
            "devices": [[
                "name": "cpu", "type": "cpu", "index": nil, "vram_total": 25_276_510_208, "vram_free": 23_898_120_192,
                "torch_vram_total": 25_276_510_208, "torch_vram_free": 23_898_120_192,
            ]],
        ]
    }
}
