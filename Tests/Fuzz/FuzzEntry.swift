/// libFuzzer's entry point: every input goes through the JSON parser, the workflow loader, the title
/// DSL, param coercion and the binder (see `FuzzChecks`). Built by `Tests/Fuzz/run`, never by `swift build`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzChecks.run(bytes)
    return 0
}
