import ComfyKit

/// Renders a ``WorkflowSpec`` as the plain-text tables of `comfykit inspect`.
enum SpecTable {
    static func render(_ spec: WorkflowSpec, nodeCount: Int) -> String {
        var lines = ["Workflow \(spec.name): \(nodeCount) node\(nodeCount == 1 ? "" : "s"), \(spec.params.count) param\(spec.params.count == 1 ? "" : "s"), \(spec.outputs.count) output\(spec.outputs.count == 1 ? "" : "s")", ""]
        if spec.params.isEmpty {
            lines.append("Params: none")
        } else {
            lines.append("Params (* = required):")
            let rows = spec.params.map { param in
                [
                    param.name.isEmpty ? "\"\"" : param.name,
                    param.kind.rawValue,
                    param.isRequired ? "*" : "",
                    param.defaultValue.map { TextTable.clip($0.displayText, to: 32) } ?? "-",
                    param.bindings.map { "\($0.path) (\($0.classType))" }.joined(separator: ", "),
                ]
            }
            lines += TextTable.table(header: ["NAME", "KIND", "REQ", "DEFAULT", "BOUND TO"], rows: rows)
            for param in spec.params {
                if let help = param.description { lines.append("  \(param.name): \(help)") }
            }
        }
        lines.append("")
        if spec.outputs.isEmpty {
            lines.append("Outputs: none declared")
        } else {
            lines.append("Outputs:")
            lines += TextTable.table(header: ["NAME", "NODE", "CLASS"], rows: spec.outputs.map { [$0.name, $0.nodeID, $0.classType] })
        }
        if !spec.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += spec.warnings.map { "  ! \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
