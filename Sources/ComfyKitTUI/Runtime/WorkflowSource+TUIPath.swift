import ComfyKit
import Foundation

extension WorkflowSource {
    /// The source a TUI run records: the form's workflow file (an http(s) URL stays a URL).
    init(tuiPath path: String) {
        if path.hasPrefix("http://") || path.hasPrefix("https://"), let url = URL(string: path) {
            self = .url(url)
        } else {
            self = .file(path: path)
        }
    }
}
