import Testing
@testable import ComfyKitTUI

/// The header bar is one band: the server's state (`● connected`, `○ unreachable`, a server's `○ down`) is drawn in
/// the header's state slots — the state's colour on the bar's background — not in `success`/`error`, whose
/// background is the terminal's (a dark chip in the bar, or a white one on a light terminal).
@Suite struct HeaderStateStyleTests {
    private let headerFamily: Set<StyleSlot> = [.header, .headerSuccess, .headerError]

    @Test(arguments: [(ServerStatus.connected(queue: 2), StyleSlot.headerSuccess), (.unreachable(reason: "refused"), .headerError)])
    func theStateIsDrawnInTheHeadersStateSlotAcrossAnUnbrokenBar(status: ServerStatus, slot: StyleSlot) throws {
        var screen = Screen(width: 80, height: 2)
        HeaderBar(serverURL: "http://127.0.0.1:8188", connection: .connected, server: status, activeRuns: 1)
            .render(into: Rect(column: 0, row: 0, width: 80, height: 1), &screen)
        let column = try #require((0..<80).first { screen[$0, 0].text == "●" || screen[$0, 0].text == "○" })
        #expect(screen[column, 0].style == slot)
        #expect((0..<80).allSatisfy { headerFamily.contains(screen[$0, 0].style) }, "every cell of the bar is the header's")
    }

    @Test func aServerThatIsDownIsTheHeadersErrorSlot() {
        #expect(ServersHeaderBar.part(ServerLine(name: "box2"), ours: 0).style == .header)
        var down = ServerLine(name: "box2")
        down.status = .unreachable(reason: "refused")
        #expect(ServersHeaderBar.part(down, ours: 0).style == .headerError)
        var up = ServerLine(name: "box1")
        up.status = .connected(queue: 0)
        #expect(ServersHeaderBar.part(up, ours: 1).style == .headerSuccess)
    }

    @Test func aThemeThatLeavesThemOutGetsTheStatesColourOnTheHeader() throws {
        let theme = try ThemeParser(name: "mine", file: "mine.yaml").parse("""
            colors: 16
            slots:
              header:  { fg: bright_white, bg: blue, attrs: [bold] }
              success: { fg: green }
              error:   { fg: red, attrs: [underline] }
            """)
        #expect(theme.style(for: .headerSuccess) == SlotStyle(foreground: .indexed(2), background: .indexed(4), attributes: .bold))
        #expect(theme.style(for: .headerError) == SlotStyle(foreground: .indexed(1), background: .indexed(4), attributes: .bold))
        let resolved = ResolvedTheme.resolve(theme: theme, fallback: nil, environment: [:], terminalHasColors: true, terminalColors: 16)
        #expect(resolved.style(for: .headerSuccess).background == .indexed(4))
        let monochrome = ResolvedTheme.resolve(theme: theme, fallback: nil, environment: ["NO_COLOR": "1"], terminalHasColors: true, terminalColors: 16)
        #expect(monochrome.style(for: .headerSuccess).attributes.contains(.reverse), "without colour the bar stays reversed")
    }
}
