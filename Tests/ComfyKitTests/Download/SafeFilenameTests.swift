import ComfyKit
import Testing

/// Server-given names are untrusted: whatever they hold, the result names one file inside the folder.
@Suite struct SafeFilenameTests {
    @Test(arguments: [
        ("cat.png", "cat.png"),
        ("ComfyUI_00001_.png", "ComfyUI_00001_.png"),
        ("../../etc/passwd", "etc_passwd"),
        ("/etc/passwd", "etc_passwd"),
        ("a/b.png", "a_b.png"),
        ("a\\b.png", "a_b.png"),
        ("..\\..\\win.ini", "win.ini"),
        ("a/../b.png", "a_.._b.png"),
        ("..", "output"),
        (".", "output"),
        ("", "output"),
        ("///", "output"),
        (".hidden.png", "hidden.png"),
        ("x\u{0}y.png", "xy.png"),
        ("line\nbreak\u{7F}.png", "linebreak.png"),
        ("  spaced .png  ", "spaced .png"),
        ("猫.png", "猫.png"),
    ])
    func hostileNamesBecomeSafeNames(name: String, expected: String) {
        #expect(SafeFilename.sanitize(name) == expected)
    }

    @Test func aLongNameIsCappedAt255BytesKeepingItsExtension() {
        let safe = SafeFilename.sanitize(String(repeating: "a", count: 400) + ".png")
        #expect(safe.utf8.count == 255)
        #expect(safe.hasSuffix("aaa.png"))
    }

    @Test func aLongMultibyteNameIsCutOnAScalarBoundary() {
        let safe = SafeFilename.sanitize(String(repeating: "猫", count: 200) + ".webp")
        #expect(safe.utf8.count <= 255)
        #expect(safe.hasSuffix("猫.webp"))
        #expect(safe.unicodeScalars.allSatisfy { $0 == "猫" || $0 == "." || $0 == "w" || $0 == "e" || $0 == "b" || $0 == "p" })
    }

    @Test func aHugeExtensionIsNotKeptWholeAtTheExpenseOfTheName() {
        let safe = SafeFilename.sanitize("name." + String(repeating: "x", count: 300))
        #expect(safe.utf8.count == 255)
        #expect(safe.hasPrefix("name."))
    }

    @Test func numberedNamesGoBeforeTheExtension() {
        #expect(SafeFilename.numbered("cat.png", 1) == "cat (1).png")
        #expect(SafeFilename.numbered("archive.tar.gz", 2) == "archive.tar (2).gz")
        #expect(SafeFilename.numbered("README", 3) == "README (3)")
    }

    @Test func aNumberedLongNameStillFits() {
        let long = SafeFilename.sanitize(String(repeating: "b", count: 400) + ".mp4")
        let numbered = SafeFilename.numbered(long, 12)
        #expect(numbered.utf8.count == 255)
        #expect(numbered.hasSuffix("b (12).mp4"))
    }
}
