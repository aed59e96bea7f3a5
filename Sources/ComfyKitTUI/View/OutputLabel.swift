import Foundation

/// How an output file is named on screen: by its file name, which is what tells outputs apart and so must not be
/// the part a narrow screen cuts; the whole URL goes on the details line.
enum OutputLabel {
    /// `subfolder/name.png` for a ComfyUI `/view?filename=…&subfolder=…` URL, else the URL's last path component.
    static func fileName(of url: String) -> String {
        guard let parts = URLComponents(string: url) else { return url }
        let query = parts.queryItems ?? []
        if let name = query.first(where: { $0.name == "filename" })?.value, !name.isEmpty {
            let folder = query.first { $0.name == "subfolder" }?.value ?? ""
            return folder.isEmpty ? name : folder + "/" + name
        }
        let last = (parts.path as NSString).lastPathComponent
        return last.isEmpty || last == "/" ? url : last
    }

    /// The URL for the details line: without user info, and of its query only what names the file on a ComfyUI
    /// server (`filename`, `subfolder`, `type`): a signed cloud URL's other parameters are credentials.
    static func detail(of url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        let names = Set((parts.queryItems ?? []).map(\.name))
        if parts.user == nil, parts.password == nil, names.isSubset(of: ["filename", "subfolder", "type"]) { return url }
        parts.user = nil
        parts.password = nil
        if let query = parts.queryItems {
            let kept = query.filter { ["filename", "subfolder", "type"].contains($0.name) }
            parts.queryItems = kept.isEmpty ? nil : kept
            if kept.count < query.count { return (parts.string ?? url) + (kept.isEmpty ? "?…" : "&…") }
        }
        return parts.string ?? url
    }
}
