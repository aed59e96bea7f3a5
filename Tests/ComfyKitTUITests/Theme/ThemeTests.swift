import Foundation
import Testing
@testable import ComfyKitTUI

@Suite struct ThemeTests {
    static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    private func parse(_ yaml: String) throws(ThemeError) -> Theme {
        try ThemeParser(name: "mine", file: "mine.yaml").parse(yaml)
    }

    private func error(parsing yaml: String) -> String {
        do {
            _ = try parse(yaml)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func everyShippedThemeLoadsWithItsFallback() throws {
        let catalog = ThemeCatalog(directories: [Self.shipped])
        #expect(catalog.names() == ["16-color", "16-color-light", "default", "high-contrast", "light"])
        for name in catalog.names() {
            let loaded = try catalog.loadWithFallback(name)
            #expect(Set(loaded.theme.styles.keys) == Set(StyleSlot.allCases), "\(name) sets every slot")
            let fallback = name == "light" ? "16-color-light" : "16-color"
            #expect(loaded.theme.colors == 16 ? loaded.fallback == nil : loaded.fallback?.name == fallback)
        }
    }

    @Test func aSlotReadsItsColoursNamesAndAttributes() throws {
        let theme = try parse("colors: 256\nslots:\n  progress.fill: { fg: bright_blue, bg: 24, attrs: [bold, reverse] }\n")
        #expect(theme.style(for: .progressFill) == SlotStyle(foreground: .indexed(12), background: .indexed(24),
                                                             attributes: [.bold, .reverse]))
        #expect(theme.style(for: .accent) == SlotStyle())
    }

    @Test func aUserThemeOverridesAShippedThemeOfTheSameName() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        try "colors: 16\nslots:\n  accent: { fg: magenta }\n".write(to: user.appendingPathComponent("light.yaml"),
                                                                     atomically: true, encoding: .utf8)
        let theme = try ThemeCatalog(directories: [user, Self.shipped]).load("light")
        #expect(theme.style(for: .accent).foreground == .indexed(5))
    }

    @Test func anUnknownThemeNamesTheAvailableOnes() {
        #expect(throws: ThemeError.self) { try ThemeCatalog(directories: [Self.shipped]).load("solarized") }
        do {
            _ = try ThemeCatalog(directories: [Self.shipped]).load("solarized")
        } catch {
            #expect(error.description == "no theme named solarized; available: 16-color, 16-color-light, default, high-contrast, light.")
        }
    }

    @Test func anUnknownSlotIsReportedWithFileAndLine() {
        #expect(error(parsing: "slots:\n  accent: { fg: 1 }\n  sparkle: { fg: 2 }\n")
            .hasPrefix("mine.yaml:3: unknown slot `sparkle`; the slots are normal, accent"))
    }

    @Test func aBadColourIsReportedWithItsKey() {
        #expect(error(parsing: "slots:\n  error: { fg: crimson }\n")
            == "mine.yaml:2: `slots.error.fg`: bad colour `crimson`; use 0–255, `default` or a name such as `bright_blue`.")
        #expect(error(parsing: "slots:\n  error: { bg: 256 }\n").hasPrefix("mine.yaml:2: `slots.error.bg`: bad colour `256`"))
    }

    @Test func a256ColourIndexInA16ColourThemeIsReported() {
        #expect(error(parsing: "colors: 16\nslots:\n  hint: { fg: 244 }\n")
            == "mine.yaml:3: `slots.hint.fg`: colour `244` is beyond this 16-colour theme; use 0–15 or a name.")
    }

    @Test func aBadAttributeIsReportedWithItsKey() {
        #expect(error(parsing: "slots:\n  header:\n    attrs: [bold, blink]\n")
            == "mine.yaml:3: `slots.header.attrs`: bad attribute `blink`; use bold, dim, underline or reverse.")
    }

    @Test func anUnknownKeyIsReported() {
        #expect(error(parsing: "colours: 256\n").hasPrefix("mine.yaml:1: unknown key `colours`"))
        #expect(error(parsing: "slots:\n  muted: { foreground: 3 }\n").hasPrefix("mine.yaml:2: unknown key `slots.muted.foreground`"))
    }

    @Test func aBadColourCountIsReported() {
        #expect(error(parsing: "colors: 88\n") == "mine.yaml:1: `colors`: `88` is not 16 or 256.")
    }

    @Test func textThatIsNotYAMLIsReportedWithItsLine() {
        let message = error(parsing: "colors: 256\nslots:\n  accent: { fg: 1\n  muted: [\n")
        #expect(message.hasPrefix("mine.yaml:"))
        #expect(message.contains("not valid YAML"))
        #expect(error(parsing: "- just\n- a list\n").hasPrefix("mine.yaml:1: a theme is a YAML mapping"))
    }
}

@Suite struct ThemeResolutionTests {
    private static let rich = Theme(name: "rich", colors: 256, fallback: "16-color", styles: [
        .accent: SlotStyle(foreground: .indexed(75)),
        .header: SlotStyle(foreground: .indexed(231), background: .indexed(24), attributes: .bold),
    ])
    private static let basic = Theme(name: "16-color", colors: 16, fallback: nil, styles: [
        .accent: SlotStyle(foreground: .indexed(6)),
    ])

    private func resolve(_ environment: [String: String], colors: Int, hasColors: Bool = true) -> ResolvedTheme {
        .resolve(theme: Self.rich, fallback: Self.basic, environment: environment,
                 terminalHasColors: hasColors, terminalColors: colors)
    }

    @Test func a256ColourTerminalGetsTheThemeItself() {
        let resolved = resolve(["TERM": "xterm-256color"], colors: 256)
        #expect(resolved.useColor)
        #expect(resolved.style(for: .accent).foreground == .indexed(75))
    }

    @Test func a256ColourThemeFallsBackTo16ColoursOnASmallerTerminal() {
        let resolved = resolve(["TERM": "xterm"], colors: 8)
        #expect(resolved.useColor)
        #expect(resolved.style(for: .accent).foreground == .indexed(6))
        #expect(resolved.style(for: .header) == SlotStyle())
    }

    @Test func noColorKeepsOnlyAttributes() {
        let resolved = resolve(["NO_COLOR": "1"], colors: 256)
        #expect(!resolved.useColor)
        #expect(resolved.style(for: .header) == SlotStyle(attributes: [.bold, .reverse]))
        #expect(resolved.style(for: .accent) == SlotStyle(attributes: .bold))
    }

    @Test func anEmptyNoColorKeepsColourWhileADumbTerminalDoesNot() {
        #expect(resolve(["NO_COLOR": ""], colors: 256).useColor)
        #expect(!resolve(["TERM": "dumb"], colors: 256).useColor)
        #expect(!resolve([:], colors: 0, hasColors: false).useColor)
    }

    @Test func brightColoursBecomePlainOnEightColourTerminals() {
        #expect(ThemeColor.indexed(12).cursesNumber(colors: 8) == 4)
        #expect(ThemeColor.indexed(12).cursesNumber(colors: 256) == 12)
        #expect(ThemeColor.terminalDefault.cursesNumber(colors: 256) == -1)
    }
}
