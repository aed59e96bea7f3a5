extension JSONValue: CustomStringConvertible, CustomDebugStringConvertible {
    /// Compact JSON text, keys in their order.
    public var description: String { JSONWriter.string(self) }
    /// Indented JSON text, for `debugPrint` and the debugger.
    public var debugDescription: String { JSONWriter.string(self, indent: 2) }
}
