import ComfyKitTesting

/// Filters `comfykit-tui`'s list down to `name` and opens it, waiting for each screen on the way.
func openWorkflow(_ name: String, in tui: TmuxSession) async throws {
    try await tui.press("/")
    try await tui.type(name)
    try await tui.waitForScreen("the filter \(name)") { $0.contains("/" + name) }
    try await tui.press("Enter")
    try await tui.waitForScreen("the kept filter") { $0.contains("⏎ open") }
    try await tui.press("Enter")
}
