import ComfyKit
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 2: integer fields are checked against the server's range as integers, at full width.
@Suite struct ExactIntegerRangeTests {
    typealias F = ServerInputFixtures

    private func typeInto(_ field: String, _ text: String, in state: inout AppState) {
        F.focus(field, in: &state)
        _ = Fixtures.press(.end, in: &state)
        for _ in 0..<(F.field(field, in: state)?.text.count ?? 0) { _ = Fixtures.press(.backspace, in: &state) }
        Fixtures.type(text, in: &state)
    }

    @Test func aSeedOfTwoToThe64IsAboveTheMaximumAndTwoToThe64MinusOneIsNot() throws {
        var state = try F.connectedForm("sd15/txt2img")
        typeInto("seed", "18446744073709551616", in: &state)
        #expect(F.field("seed", in: state)?.error == "above the maximum 18446744073709551615")
        typeInto("seed", "18446744073709551615", in: &state)
        #expect(F.field("seed", in: state)?.error == nil)
    }

    @Test func theSmallestInt64IsBelowAMinimumOneAboveIt() throws {
        var state = try F.connectedForm("no-model/text_concat")
        typeInto("number", "-9223372036854775808", in: &state)
        #expect(F.field("number", in: state)?.error == "below the minimum -9223372036854775807")
        typeInto("number", "-9223372036854775807", in: &state)
        #expect(F.field("number", in: state)?.error == nil)
    }
}
