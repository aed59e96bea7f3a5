/// Tracebacks shaped like the recorded `execution_error.traceback` (ComfyUI installed at `/srv/ComfyUI`).
enum PythonTraceback {
    /// The four frames every node exception passes through in `execution.py`, then the raising frame.
    static func nodeException(file: String, line: Int, function: String, statement: String) -> [String] {
        [
            frame("execution.py", 496, "execute",
                  "output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)",
                  carets: (62, 163)),
            frame("execution.py", 315, "get_output_data",
                  "return_values = await _async_map_node_over_list(prompt_id, unique_id, obj, input_data_all, obj.FUNCTION, allow_interrupt=True, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)",
                  carets: (20, 209)),
            frame("execution.py", 289, "_async_map_node_over_list", "await process_inputs(input_dict, i)"),
            frame("execution.py", 277, "process_inputs", "result = f(**inputs)", carets: (13, 11)),
            frame(file, line, function, statement),
        ]
    }

    /// `SplitAudioChannels` on mono audio (workflow 11).
    static let monoAudioSplit = nodeException(
        file: "comfy_extras/nodes_audio.py", line: 423, function: "separate",
        statement: "raise ValueError(\"AudioSplit: Input audio has only one channel.\")"
    )

    private static func frame(_ file: String, _ line: Int, _ function: String, _ statement: String, carets: (indent: Int, count: Int)? = nil) -> String {
        var text = "  File \"/srv/ComfyUI/\(file)\", line \(line), in \(function)\n    \(statement)\n"
        if let carets { text += String(repeating: " ", count: carets.indent) + String(repeating: "^", count: carets.count) + "\n" }
        return text
    }
}
