import ComfyKit
import PropertyBased
import Testing

/// Parsing and binding never crash, whatever the titles, inputs and values.
@Suite struct ParseAndBindProperties {
    /// Characters that matter to the DSL and to JSON, plus wide, combining and control characters.
    static let dslCharacter = Gen<Character?>.element(of: Array("$$$!~.:,, ab_x中😀\u{301}\u{3000}\n\t\"\\{}[]0-"))
        .map { $0! }
    static let title = dslCharacter.string(of: 0...40)
    static let text = Gen<Character?>.element(of: Array("0123456789.-+eExabc yesnoTRUE中 ")).map { $0! }.string(of: 0...12)

    @Test func anyTitleParsesIntoWellFormedMarkers() async {
        await propertyCheck(count: 3000, input: Self.title) { title in
            switch Title(title, classType: "Foo") {
            case .output(let name):
                #expect(title.hasPrefix("$output.") && !name.isEmpty)
            case .saveNode:
                Issue.record("not a save node class")
            case .params(let markers, _):
                for marker in markers {
                    #expect(marker.text.unicodeScalars.first == "$")
                    #expect(!marker.name.contains(",") && !marker.field.contains(","))
                    #expect(!marker.name.contains(":") && !marker.field.contains(":"))
                }
            }
        }
    }

    @Test func anyTitleWithAnyInputsEitherGivesASpecOrASpecificError() async {
        let inputs = Gen<String?>.element(of: [
            "{}", #"{"a": 1}"#, #"{"a": "x", "b": true, "seed": 0}"#, #"{"a": ["1", 0]}"#, #"{"a": null, "text": 1.5}"#,
            #"{"": 2, "~a": 3, "a!": 4, "b.c": 5}"#,
        ]).map { $0! }
        await propertyCheck(count: 2000, input: Self.title, inputs, Self.text) { title, inputs, value in
            let workflow = try Fixtures.node(title, classType: "LoadImage", inputs: inputs)
            let spec: WorkflowSpec
            do {
                spec = try WorkflowSpec(workflow)
            } catch let error as WorkflowSpecError {
                #expect(!error.problems.isEmpty)
                return
            }
            var values: [String: ParamValue] = [:]
            for param in spec.params {
                values[param.name] = (try? ParamValue.coerce(value, to: param.kind, param: param.name)) ?? .string(value)
            }
            do {
                let bound = try ParamBinder.bind(workflow, spec: spec, values: values, fileExists: { _ in false })
                let reparsed = try JSONValue(parsing: JSONWriter.bytes(bound.workflow.promptJSON))
                #expect(reparsed == bound.workflow.promptJSON)
            } catch let error as BindError {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test func anyBytesEitherParseOrGiveAPositionedError() async {
        let bytes = Gen<UInt8?>.element(of: Array("{}[]\",:0123456789.eE-+ truefalsn\\u\n".utf8) + [0xFF, 0xC3, 0xA9, 0x00])
            .map { $0! }.array(of: 0...60)
        await propertyCheck(count: 5000, input: bytes) { bytes in
            do {
                let value = try JSONValue(parsing: bytes)
                #expect(try JSONValue(parsing: JSONWriter.bytes(value)) == value)
            } catch let error as JSONSyntaxError {
                #expect(error.line >= 1 && error.column >= 1 && error.offset <= bytes.count)
            }
        }
    }

    @Test func coercionNeverCrashesAndRoundTripsIntegers() async {
        await propertyCheck(count: 3000, input: Self.text, Gen<ParamKind?>.element(of: ParamKind.allCases).map { $0! }) { text, kind in
            guard let value = try? ParamValue.coerce(text, to: kind, param: "p") else { return }
            switch (kind, value) {
            case (.int, .int), (.int, .json), (.float, .double), (.bool, .bool), (.string, .string), (.media, .string): break
            default: Issue.record("\(text) as \(kind) gave \(value)")
            }
        }
        await propertyCheck(count: 1000, input: Gen.int(in: Int.min...Int.max)) { n throws in
            #expect(try ParamValue.coerce(String(n), to: .int, param: "p") == .int(n))
        }
    }
}
