import OrderedCollections
import Foundation

/// Turns ComfyUI's per-node outputs into an ``ExecuteResult``, keyed and ordered as the Python ComfyKit did, with its bugs fixed.
public struct ResultBuilder: Sendable {
    /// The server's base URL, for `/view` links.
    public let base: URL
    /// `$output` names by node id; other nodes are keyed by their id.
    public let outputNames: [String: String]

    /// A builder for the server at `base`, naming outputs by `outputNames` (``WorkflowSpec/outputNames``).
    public init(base: URL, outputNames: [String: String]) {
        self.base = base
        self.outputNames = outputNames
    }

    /// Every file of every node in `outputs`, in the server's order. Every key is read (`images`,
    /// `gifs`, `audio`, `video(s)`, …); entries that are not file references (`animated`) are skipped.
    public func files(in outputs: JSONObject) -> [OutputFile] {
        var files: [OutputFile] = []
        for (nodeID, nodeOutput) in outputs {
            guard case .object(let keys) = nodeOutput else { continue }
            let name = outputNames[nodeID] ?? nodeID
            // `images`, `gifs`, `audio` first, as the Python ComfyKit read them; then every other key.
            let known = ["images", "gifs", "audio"].filter(keys.contains)
            for key in known + keys.keys.filter({ !known.contains($0) && $0 != "text" }) {
                guard case .array(let items)? = keys[key] else { continue }
                for item in items {
                    guard case .object(let ref) = item, case .string(let filename)? = ref["filename"], !filename.isEmpty,
                        let category = OutputCategory.classify(filename: filename, key: key)
                    else { continue }
                    let subfolder = ref["subfolder"]?.stringValue ?? ""
                    let type = ref["type"]?.stringValue ?? ""
                    files.append(OutputFile(
                        nodeID: nodeID, outputName: name, category: category, filename: filename, subfolder: subfolder,
                        type: type, url: ViewURL.make(base: base, filename: filename, subfolder: subfolder, type: type)))
                }
            }
        }
        return files
    }

    /// Texts of every node with a `text` output: a string, a list (each item as text) or a scalar.
    public func texts(in outputs: JSONObject) -> OutputsByName {
        var result = OutputsByName()
        for (nodeID, nodeOutput) in outputs {
            guard let text = nodeOutput["text"] else { continue }
            let items: [String] = switch text {
            case .array(let values): values.map(\.displayText)
            case let value: [value.displayText]
            }
            result[outputNames[nodeID] ?? nodeID, default: []].append(contentsOf: items)
        }
        return result
    }

    /// A completed result from `/history` outputs. Nodes sharing an output name keep all their files
    /// (the Python ComfyKit kept only the last node's).
    public func result(outputs: JSONObject, promptID: String?, duration: Double?, status: RunStatus = .completed, msg: String? = nil) -> ExecuteResult {
        var grouped: [OutputCategory: OutputsByName] = [:]
        for file in files(in: outputs) {
            grouped[file.category, default: [:]][file.outputName, default: []].append(file.url)
        }
        return ExecuteResult(
            status: status, promptID: promptID, duration: duration,
            imagesByVar: grouped[.image] ?? [:], audiosByVar: grouped[.audio] ?? [:],
            videosByVar: grouped[.video] ?? [:], textsByVar: texts(in: outputs),
            outputs: .object(outputs), msg: msg)
    }
}
