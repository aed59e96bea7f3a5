/// `comfy_execution/jobs.py` of newer ComfyUI: queue items and history entries as the jobs API's job dicts
/// (`normalize_queue_item`, `normalize_history_item`, `get_outputs_summary`), keys left out where Python's
/// `prune_dict` drops a `None`.
enum JobSummary {
    static let pending = "pending"
    static let inProgress = "in_progress"
    static let completed = "completed"
    static let failed = "failed"
    static let cancelled = "cancelled"
    static let allStatuses = [pending, inProgress, completed, failed, cancelled]

    private static let previewableMediaTypes: Set<String> = ["images", "video", "audio", "3d", "text"]
    private static let threeDExtensions = [".obj", ".fbx", ".gltf", ".glb", ".usdz"]
    private static let textExtensions = [".txt", ".md", ".json"]

    /// `normalize_queue_item(item, status)`.
    static func queued(_ item: QueueItem, status: String) -> JSONObject {
        var job: JSONObject = ["id": .string(item.promptID), "status": .string(status), "priority": item.number]
        let (createTime, workflowID) = metadata(item.extraData)
        if let createTime { job["create_time"] = createTime }
        job["outputs_count"] = 0
        job["previewable_outputs_count"] = 0
        if let workflowID { job["workflow_id"] = workflowID }
        return job
    }

    /// `normalize_history_item(prompt_id, history_item, include_outputs)`.
    static func finished(_ promptID: String, _ entry: JSONValue, includeOutputs: Bool) -> JSONObject {
        let tuple = entry["prompt"]?.arrayValue ?? []
        let extraData = tuple.count > 3 ? tuple[3].objectValue ?? [:] : [:]
        let (createTime, workflowID) = metadata(extraData)
        let statusInfo = entry["status"]?.objectValue
        let statusString = statusInfo?["status_str"]?.stringValue
        let outputs = entry["outputs"]?.objectValue ?? [:]
        let (outputsCount, preview) = outputsSummary(outputs)

        var startTime: JSONValue?, endTime: JSONValue?, executionError: JSONValue?, success: JSONValue?
        var nodeErrors: [JSONValue] = []
        var interrupted = false
        for message in statusInfo?["messages"]?.arrayValue ?? [] {
            guard let pair = message.arrayValue, pair.count >= 2, let name = pair[0].stringValue, let data = pair[1].objectValue else { continue }
            switch name {
            case "execution_start": startTime = data["timestamp"]
            case "execution_success": endTime = data["timestamp"]; success = pair[1]
            case "execution_error": endTime = data["timestamp"]; executionError = pair[1]
            case "execution_interrupted": endTime = data["timestamp"]; interrupted = true
            case "execution_node_error": nodeErrors.append(pair[1])
            default: break
            }
        }
        let summary = statusInfo?["execution_summary"]?.objectValue ?? [:]
        var completion = summary["completion_status"]
        if completion == nil, let success { completion = success["completion_status"] ?? "success" }
        if completion == nil, statusString == "success" { completion = "success" }

        var job: JSONObject = ["id": .string(promptID)]
        job["status"] = .string(statusString == "error" ? (interrupted ? cancelled : failed) : completed)
        job["priority"] = tuple.first ?? .null
        if let createTime { job["create_time"] = createTime }
        if let startTime { job["execution_start_time"] = startTime }
        if let endTime { job["execution_end_time"] = endTime }
        if let executionError { job["execution_error"] = executionError }
        if let completion { job["completion_status"] = completion }
        if statusInfo != nil {
            job["has_errors"] = summary["has_errors"] ?? .bool(!nodeErrors.isEmpty || executionError != nil)
            job["execution_error_count"] = summary["execution_error_count"]
                ?? .integer(nodeErrors.isEmpty ? (executionError != nil ? 1 : 0) : nodeErrors.count)
        }
        job["outputs_count"] = .integer(outputsCount)
        job["previewable_outputs_count"] = .integer(previewableCount(outputs))
        if let preview { job["preview_output"] = .object(preview) }
        if let workflowID { job["workflow_id"] = workflowID }
        if includeOutputs {
            job["outputs"] = .object(outputs)
            job["execution_status"] = statusInfo.map(JSONValue.object) ?? .null
            job["execution_errors"] = .array(nodeErrors)
            job["workflow"] = ["prompt": tuple.count > 2 ? tuple[2] : .null, "extra_data": .object(extraData)]
        }
        return job
    }

    /// `create_time` and `extra_pnginfo.workflow.id` from a prompt's `extra_data`.
    private static func metadata(_ extraData: JSONObject) -> (JSONValue?, JSONValue?) {
        let createTime = extraData["create_time"].flatMap { $0 == .null ? nil : $0 }
        let workflowID = extraData["extra_pnginfo"]?["workflow"]?["id"].flatMap { $0 == .null ? nil : $0 }
        return (createTime, workflowID)
    }

    /// `get_outputs_summary`: file outputs counted, the preview picked by the frontend's priority.
    private static func outputsSummary(_ outputs: JSONObject) -> (Int, JSONObject?) {
        var count = 0
        var saved: JSONObject?, otherVisual: JSONObject?, textFile: JSONObject?, rawText: JSONObject?
        for nodeID in outputs.keys {
            guard let node = outputs[nodeID]?.objectValue else { continue }
            for mediaType in node.keys where mediaType != "animated" {
                guard let items = node[mediaType]?.arrayValue else { continue }
                for item in items {
                    guard let file = fileItem(item) else {
                        if mediaType == "text", saved == nil, rawText == nil {
                            rawText = ["content": .string(truncated(PythonRepr.str(item))), "nodeId": .string(nodeID), "mediaType": .string(mediaType)]
                            if PythonRepr.str(item).count > 1024 { rawText?["truncated"] = true }
                        }
                        continue
                    }
                    count += 1
                    guard saved == nil, isPreviewable(mediaType, file) else { continue }
                    var enriched = file
                    enriched["nodeId"] = .string(nodeID)
                    if !file.contains("mediaType") { enriched["mediaType"] = .string(mediaType) }
                    if mediaType == "text" || hasExtension(file["filename"]?.stringValue, textExtensions) {
                        if textFile == nil { textFile = enriched }
                    } else if file["type"]?.stringValue == "output" {
                        saved = enriched
                    } else if otherVisual == nil {
                        otherVisual = enriched
                    }
                }
            }
        }
        return (count, saved ?? otherVisual ?? textFile ?? rawText)
    }

    /// `count_previewable_outputs`.
    private static func previewableCount(_ outputs: JSONObject) -> Int {
        var count = 0
        for nodeID in outputs.keys {
            guard let node = outputs[nodeID]?.objectValue else { continue }
            for mediaType in node.keys where mediaType != "animated" {
                for item in node[mediaType]?.arrayValue ?? [] {
                    if let file = fileItem(item), isPreviewable(mediaType, file) { count += 1 }
                }
            }
        }
        return count
    }

    /// `normalize_output_item`: a dict as is, a 3D file name as a file dict, anything else nil.
    private static func fileItem(_ item: JSONValue) -> JSONObject? {
        if let object = item.objectValue { return object }
        if let name = item.stringValue, hasExtension(name, threeDExtensions) {
            return ["filename": .string(name), "type": "output", "subfolder": "", "mediaType": "3d"]
        }
        return nil
    }

    private static func isPreviewable(_ mediaType: String, _ item: JSONObject) -> Bool {
        if previewableMediaTypes.contains(mediaType) { return true }
        if let format = item["format"]?.stringValue, format.hasPrefix("video/") || format.hasPrefix("audio/") { return true }
        let name = item["filename"]?.stringValue
        return hasExtension(name, threeDExtensions) || hasExtension(name, textExtensions)
    }

    private static func hasExtension(_ name: String?, _ extensions: [String]) -> Bool {
        guard let name = name?.lowercased() else { return false }
        return extensions.contains { name.hasSuffix($0) }
    }

    private static func truncated(_ text: String) -> String { String(text.prefix(1024)) }
}
