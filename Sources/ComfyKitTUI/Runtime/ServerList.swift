import ComfyKit
import Foundation

/// The servers `comfykit-tui` routes runs over, as `--server` names them: URLs or names from servers.toml, repeats
/// dropped. With none given the configuration decides (`COMFYUI_BASE_URL` as a comma list, else servers.toml's
/// `default`, else the default server), each server with its own credentials.
enum ServerList {
    static func references(options: [String]) throws(ConfigError) -> [ServerReference]? {
        guard !options.isEmpty else { return nil }
        var references: [ServerReference] = []
        for text in options {
            let reference = try ServerReference(parsing: text)
            if !references.contains(reference) { references.append(reference) }
        }
        return references
    }
}
