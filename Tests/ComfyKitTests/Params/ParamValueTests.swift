import ComfyKit
import Testing

/// Coercion of typed text (CLI `-p`, TUI fields) into values of the param's kind.
@Suite struct ParamValueTests {
    @Test(arguments: [
        ("1024", ParamKind.int, ParamValue.int(1024)), (" -6 ", .int, .int(-6)), ("+3", .int, .int(3)), ("1e3", .int, .int(1000)),
        ("18446744073709551615", .int, .json(.number(JSONNumber(literal: "18446744073709551615")!))),
        ("1.5", .float, .double(1.5)), ("7", .float, .double(7)), ("-0.25", .float, .double(-0.25)),
        ("yes", .bool, .bool(true)), ("OFF", .bool, .bool(false)), ("1", .bool, .bool(true)), ("false", .bool, .bool(false)),
        ("a cat, 中文", .string, .string("a cat, 中文")), (" spaced ", .string, .string(" spaced ")),
        ("cat.png", .media, .string("cat.png")),
    ])
    func textIsCoercedToTheParamsKind(text: String, kind: ParamKind, expected: ParamValue) throws {
        #expect(try ParamValue.coerce(text, to: kind, param: "p") == expected)
    }

    @Test(arguments: [
        ("abc", ParamKind.int), ("", .int), ("1.5", .int), ("0x10", .int), ("12abc", .int),
        ("abc", .float), ("", .float), ("nan", .float), ("inf", .float), ("1,5", .float),
        ("maybe", .bool), ("", .bool),
    ])
    func badTextIsAnErrorNamingTheParamAndTheKind(text: String, kind: ParamKind) {
        #expect {
            _ = try ParamValue.coerce(text, to: kind, param: "width")
        } throws: { error in
            "\(error)".hasPrefix("param `width`: \"\(text)\" is not ")
        }
    }

    @Test func theErrorSaysWhatWasExpected() {
        #expect {
            _ = try ParamValue.coerce("abc", to: .int, param: "width")
        } throws: { error in
            "\(error)" == #"param `width`: "abc" is not an integer (e.g. 1024)"#
        }
    }
}
