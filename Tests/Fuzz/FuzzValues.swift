/// Param values a caller, the CLI or the TUI could pass: edge numbers, paths, URLs, odd text, JSON.
enum FuzzValues {
    static let texts = [
        "", " ", "0", "-1", "1e309", "photo.png", "sub/photo.png", "../up.png", "./here.png", "/abs/none.png",
        "/abs/file.present", "~/x.png", "~", "file:///etc/passwd", "file://", "http://127.0.0.1:1/m.png",
        "HTTPS://h/x?y=1", "a\u{0}b", "猫.png", "e\u{301}", "\u{202E}gnp.exe", String(repeating: "x", count: 300),
    ]
    static let ints = [0, 1, -1, Int.max, Int.min, 512, 1 << 53]
    static let doubles = [0.0, -0.0, 1.5, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude]

    static func value(for param: ParamSpec, random: inout FuzzRandom) -> ParamValue {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: .int(random.pick(ints))
        case 1: .double(random.pick(doubles))
        case 2: .bool(random.chance(2))
        case 3: .null
        case 4: .json(param.defaultValue ?? .array([.string("4"), .int(0)]))
        case 5: (try? ParamValue.coerce(random.pick(texts), to: param.kind, param: param.name)) ?? .string(random.pick(texts))
        default: .string(random.pick(texts))
        }
    }
}
