/// The node classes the double accepts: the recorded `GET /object_info`, plus `SaveImageWebsocket` (the
/// recordings ran with that example node enabled), with model and input-file lists filled in.
struct NodeCatalog: Sendable {
    let classes: [String: NodeClassInfo]
    /// Class names in object_info order, so `GET /object_info` keeps the recorded order.
    let order: [String]

    subscript(name: String) -> NodeClassInfo? { classes[name] }

    /// The `GET /object_info` body.
    func objectInfo() -> JSONValue {
        .object(JSONObject(order.compactMap { name in classes[name].map { (name, $0.info) } }))
    }

    /// Builds the catalog from an object_info document, filling the combo lists that depend on the server's
    /// folders (`models/…`, `input/`), which were empty or stale when object_info was recorded.
    init(objectInfo: JSONValue, models: [String: [String]], inputFiles: [String]) {
        var entries = objectInfo.objectValue ?? [:]
        if !entries.contains("SaveImageWebsocket") { entries["SaveImageWebsocket"] = Self.saveImageWebsocketInfo }
        var classes: [String: NodeClassInfo] = [:]
        for (name, info) in entries.entries {
            var patched = info
            for (input, folder) in Self.modelInputs[name] ?? [] {
                patched = Self.replacingOptions(of: input, in: patched, with: models[folder] ?? [])
            }
            if name == "LoadImage" { patched = Self.replacingOptions(of: "image", in: patched, with: inputFiles.sorted()) }
            classes[name] = NodeClassInfo(name: name, info: patched)
        }
        self.classes = classes
        self.order = entries.keys
    }

    /// Loader inputs whose choices are files in a models folder.
    static let modelInputs: [String: [(input: String, folder: String)]] = [
        "CheckpointLoaderSimple": [("ckpt_name", "checkpoints")],
        "CheckpointLoader": [("ckpt_name", "checkpoints")],
        "ImageOnlyCheckpointLoader": [("ckpt_name", "checkpoints")],
        "UpscaleModelLoader": [("model_name", "upscale_models")],
        "LoraLoader": [("lora_name", "loras")],
        "LoraLoaderModelOnly": [("lora_name", "loras")],
        "VAELoader": [("vae_name", "vae")],
        "ControlNetLoader": [("control_net_name", "controlnet")],
        "UNETLoader": [("unet_name", "diffusion_models")],
        "CLIPLoader": [("clip_name", "text_encoders")],
    ]

    private static func replacingOptions(of inputName: String, in info: JSONValue, with files: [String]) -> JSONValue {
        guard var object = info.objectValue, var input = object["input"]?.objectValue else { return info }
        for category in ["required", "optional"] {
            guard var specs = input[category]?.objectValue, var spec = specs[inputName]?.arrayValue, !spec.isEmpty else { continue }
            let names = JSONValue.array(files.map { .string($0) })
            if case .array = spec[0] {
                spec[0] = names
            } else if spec.count > 1, var options = spec[1].objectValue {
                options["options"] = names
                spec[1] = .object(options)
            }
            specs[inputName] = .array(spec)
            input[category] = .object(specs)
        }
        object["input"] = .object(input)
        return .object(object)
    }

    /// `custom_nodes/websocket_image_save.py`, as its object_info entry reads.
    static let saveImageWebsocketInfo: JSONValue = [
        "input": ["required": ["images": ["IMAGE"]]],
        "input_order": ["required": ["images"]],
        "output": [], "output_is_list": [], "output_name": [],
        "name": "SaveImageWebsocket", "display_name": "SaveImageWebsocket", "description": "",
        "python_module": "custom_nodes.websocket_image_save", "category": "api node/image/SaveImageWebsocket",
        "output_node": true,
    ]
}
