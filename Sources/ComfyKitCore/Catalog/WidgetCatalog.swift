/// The widgets the ComfyUI editor gives each node class, read from `GET /object_info`: what an editor
/// file's `widgets_values` mean, in order.
///
/// The editor makes one widget per input of a widget type (INT, FLOAT, STRING, BOOLEAN, a combo), in the
/// server's input order (required, then optional), and adds widgets that are never sent: the
/// `control_after_generate` choice after a seed, and the upload button of an `image_upload` input.
public struct WidgetCatalog: Hashable, Sendable {
    /// One widget slot of a node class.
    public struct Widget: Hashable, Sendable {
        /// The input it sets (`seed`), or the editor-only widget's name (`control_after_generate`, `upload`).
        public let name: String
        /// Whether the editor sends it as an input; editor-only widgets take a slot but are not sent.
        public let isSent: Bool
        /// What the editor shows before anything is set: the input's default, a combo's first choice.
        public let defaultValue: JSONValue?
    }

    /// A node class as the editor builds it.
    public struct NodeClass: Hashable, Sendable {
        /// The server's `display_name`, the title of a node that has none of its own.
        public let displayName: String?
        /// The class's widget slots in the order of an editor node's `widgets_values`, editor-only ones included.
        public let widgets: [Widget]
    }

    /// Node classes by class type (`KSampler`).
    public private(set) var classes: [String: NodeClass]

    /// Input types the editor draws as widgets; every other type is a socket.
    static let widgetTypes: Set<String> = ["INT", "FLOAT", "STRING", "BOOLEAN", "COMBO"]
    /// Options that add an upload button after their input.
    static let uploadOptions = ["image_upload", "video_upload", "audio_upload", "animated_image_upload"]
    /// Classes the editor's audio extension gives an `audioUI` widget, sent as "".
    static let audioUIClasses: Set<String> = ["LoadAudio", "SaveAudio", "PreviewAudio", "SaveAudioMP3", "SaveAudioOpus", "RecordAudio"]

    /// A catalog given directly; for tests and callers that build their own.
    public init(classes: [String: NodeClass]) {
        self.classes = classes
    }

    /// Reads the `GET /object_info` document; entries that are not node classes are skipped.
    public init(_ document: JSONObject) {
        var classes: [String: NodeClass] = [:]
        for (classType, entry) in document {
            guard let input = entry["input"]?.objectValue else { continue }
            var widgets: [Widget] = []
            for category in ["required", "optional"] {
                guard let specs = input[category]?.objectValue else { continue }
                let order = entry["input_order"]?[category]?.arrayValue?.compactMap(\.stringValue) ?? specs.keys
                for name in order {
                    guard let spec = specs[name]?.arrayValue else { continue }
                    widgets += WidgetCatalog.widgets(name: name, spec: spec)
                }
            }
            if WidgetCatalog.audioUIClasses.contains(classType) {
                widgets.append(Widget(name: "audioUI", isSent: true, defaultValue: .string("")))
            }
            classes[classType] = NodeClass(displayName: entry["display_name"]?.stringValue, widgets: widgets)
        }
        self.classes = classes
    }

    /// The widgets one input spec (`["INT", {"default": 0, "control_after_generate": true}]`) makes.
    private static func widgets(name: String, spec: [JSONValue]) -> [Widget] {
        guard let type = spec.first else { return [] }
        let options = spec.count > 1 ? spec[1].objectValue ?? [:] : [:]
        let isCombo = type.arrayValue != nil || type.stringValue == "COMBO"
        guard isCombo || type.stringValue.map(widgetTypes.contains) == true else { return [] }
        if options["forceInput"]?.boolValue == true { return [] }
        var widgets = [Widget(name: name, isSent: true, defaultValue: defaultValue(type: type, options: options))]
        if options["control_after_generate"]?.boolValue == true {
            widgets.append(Widget(name: "control_after_generate", isSent: false, defaultValue: .string("fixed")))
        }
        if uploadOptions.contains(where: { options[$0]?.boolValue == true }) {
            widgets.append(Widget(name: "upload", isSent: false, defaultValue: nil))
        }
        return widgets
    }

    private static func defaultValue(type: JSONValue, options: JSONObject) -> JSONValue? {
        if let value = options["default"] { return value }
        if let choices = type.arrayValue ?? options["options"]?.arrayValue { return choices.first }
        switch type.stringValue {
        case "INT": return options["min"].flatMap { ($0.doubleValue ?? 0) > 0 ? $0 : nil } ?? .int(0)
        case "FLOAT": return options["min"].flatMap { ($0.doubleValue ?? 0) > 0 ? $0 : nil } ?? .double(0)
        case "STRING": return .string("")
        case "BOOLEAN": return .bool(false)
        default: return nil
        }
    }
}
