import ComfyKit
import Foundation

/// Reads a folder of workflow files into list entries; a broken file becomes an entry with its reason.
struct WorkflowFolder: Sendable {
    let path: String
    var loader = WorkflowLoader()

    /// Every `.json` file under the folder, subfolders as groups, sorted by relative path (numbers as numbers), none read yet
    /// (``WorkflowEntry/Content/loading``).
    func list() throws(WorkflowFolderError) -> [WorkflowEntry] {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .missing(path)
        }
        guard isDirectory.boolValue else { throw .notAFolder(path) }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else {
            throw .missing(path)
        }
        var relativePaths: [String] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "json" {
            let full = url.standardizedFileURL.path
            relativePaths.append(String(full.dropFirst(root.path.count)).trimmingPrefix("/").description)
        }
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        // Numbers in names sort as numbers: `_9_` before `_149_`.
        return relativePaths.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map { entry(relativePath: $0, rootPath: rootPath) }
    }

    /// The entry with its file read: ready, a RunningHub stub, or broken with the reason.
    func read(_ entry: WorkflowEntry) -> WorkflowEntry {
        var entry = entry
        entry.content = content(of: entry.path)
        return entry
    }

    private func entry(relativePath: String, rootPath: String) -> WorkflowEntry {
        let components = relativePath.split(separator: "/")
        let group = components.dropLast().joined(separator: "/")
        let name = String(components.last ?? "").replacingOccurrences(of: ".json", with: "")
        return WorkflowEntry(path: rootPath + relativePath, group: group, name: name, content: .loading)
    }

    private func content(of file: String) -> WorkflowEntry.Content {
        // Stamped before reading: a change made while it is read still shows as a change.
        let stamp = FileStamp.read(file)
        do {
            switch try loader.loadFile(file) {
            case .workflow(let workflow):
                return .ready(ReadWorkflow(loaded: LoadedWorkflow(workflow: workflow, runningHubID: nil),
                                           spec: try WorkflowSpec(workflow), stamp: stamp))
            case .runningHub(let id, _): return .runningHubStub(id, stamp: stamp)
            case .editor(let editor): return .waitingForCatalog(editor, stamp: stamp)
            }
        } catch {
            return .broken(reason: Self.reason(error, file: file))
        }
    }
}

extension WorkflowFolder {
    /// Why a file is broken, without the leading path the list row already names (the details line shows it).
    static func reason(_ error: any Error, file: String) -> String {
        let text = "\(error)"
        return text.hasPrefix(file + ": ") ? String(text.dropFirst(file.count + 2)) : text
    }
}

/// A folder that cannot be listed.
enum WorkflowFolderError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(String)
    case notAFolder(String)

    var description: String {
        switch self {
        case .missing(let path): "no such folder: \(path)"
        case .notAFolder(let path): "\(path) is a file; give the folder that holds your workflows"
        }
    }
}
