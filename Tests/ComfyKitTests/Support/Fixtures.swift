import ComfyKit
import ComfyKitTesting
import Foundation

/// The shared workflows as ComfyKit values; where they are comes from ``SharedFixtures``.
enum Fixtures {
    static let sharedDir = SharedFixtures.directory
    static let workflowsDir = SharedFixtures.workflowsDirectory
    static let transcriptsDir = SharedFixtures.transcriptsDirectory

    static func workflowPath(_ name: String) -> String { SharedFixtures.workflow(name).path }

    static func workflow(_ name: String) throws -> Workflow {
        guard case .workflow(let workflow) = try WorkflowLoader().loadFile(workflowPath(name)) else {
            throw FixtureError("\(name) is not an API-format workflow")
        }
        return workflow
    }

    static func spec(_ name: String) throws -> WorkflowSpec { try WorkflowSpec(try workflow(name)) }

    static var allWorkflowNames: [String] { SharedFixtures.workflowNames }

    /// A workflow built from a JSON literal, for small cases.
    static func workflow(json text: String, name: String = "test") throws -> Workflow {
        guard case .workflow(let workflow) = try WorkflowDocument.parse(Array(text.utf8), source: name, name: name) else {
            throw FixtureError("not a workflow")
        }
        return workflow
    }

    /// A one-node workflow: `{"1": {"class_type": classType, "inputs": inputs, "_meta": {"title": title}}}`.
    static func node(_ title: String, classType: String = "Foo", inputs: String = "{}") throws -> Workflow {
        let escaped = String(decoding: JSONWriter.bytes(.string(title)), as: UTF8.self)
        return try workflow(json: #"{"1": {"class_type": "\#(classType)", "inputs": \#(inputs), "_meta": {"title": \#(escaped)}}}"#)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
