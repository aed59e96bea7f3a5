import ComfyKit
import Foundation

/// The servers `comfykit-tui` routes runs over: `--server` repeated, else `COMFYUI_BASE_URL` as a comma list.
enum ServerList {
    /// The servers' URLs, in order, without repeats; empty when neither names one (the configuration's default applies).
    static func urls(options: [String], environment: String?) throws(ConfigError) -> [URL] {
        let texts = !options.isEmpty ? options
            : (environment ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var urls: [URL] = []
        for text in texts {
            let url = try ComfyKitConfiguration.serverURL(text)
            if !urls.contains(url) { urls.append(url) }
        }
        return urls
    }
}
