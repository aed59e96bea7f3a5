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

    /// The query parameters that name a file on a ComfyUI server; a signed cloud URL's others are credentials.
    static let fileQuery: Set<String> = ["filename", "subfolder", "type"]

    /// The URL for the details line: without user info, and of its query only ``fileQuery`` (`…` says more was there).
    static func detail(of url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        let query = parts.queryItems ?? []
        let kept = query.filter { fileQuery.contains($0.name) }
        guard parts.user != nil || parts.password != nil || kept.count < query.count else { return url }
        parts.user = nil
        parts.password = nil
        parts.queryItems = kept.isEmpty ? nil : kept
        let dropped = kept.count < query.count ? (kept.isEmpty ? "?…" : "&…") : ""
        return (parts.string ?? url) + dropped
    }
}
