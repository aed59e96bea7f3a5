/// How one ``StyleSlot`` looks: a foreground and background colour and text attributes.
struct SlotStyle: Hashable, Sendable {
    var foreground: ThemeColor = .terminalDefault
    var background: ThemeColor = .terminalDefault
    var attributes: CellAttributes = []
}
