/// The ComfyUI-style frames the `netWssUrl` socket sends (RunningHub relays the server's own): a sampler at node 3 with
/// steps, then the save node 9. No end frame: the end is for polling to find.
enum ProgressFrames {
    static func frames(steps: Int, promptID: String = "rh-double-prompt") -> [String] {
        var frames = [
            #"{"type": "execution_start", "data": {"prompt_id": "\#(promptID)", "timestamp": 1742822929000}}"#,
            #"{"type": "execution_cached", "data": {"nodes": [], "prompt_id": "\#(promptID)", "timestamp": 1742822929001}}"#,
            #"{"type": "executing", "data": {"node": "3", "display_node": "3", "prompt_id": "\#(promptID)"}}"#,
        ]
        for step in 1...max(steps, 1) {
            frames.append(#"{"type": "progress", "data": {"value": \#(step), "max": \#(max(steps, 1)), "prompt_id": "\#(promptID)", "node": "3"}}"#)
        }
        frames.append(#"{"type": "executing", "data": {"node": "9", "display_node": "9", "prompt_id": "\#(promptID)"}}"#)
        return frames
    }
}
