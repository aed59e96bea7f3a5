/// The ComfyUI test double is being built; this keeps the target compiling meanwhile.
public enum ComfyUITestDoubleVersion { public static let string = "0.0.0" }
