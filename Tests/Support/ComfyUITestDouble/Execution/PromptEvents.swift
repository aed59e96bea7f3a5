import Foundation

/// Sends one prompt's events with ComfyUI's addressing rules, and keeps the `status.messages` history gets.
///
/// `execution_*` and `executing`/`executed` reach only the submitting client (nobody without a `client_id`);
/// `progress`, `progress_state` and previews go to the submitter, or to everyone without a `client_id`.
struct PromptEvents {
    let hub: SocketHub
    let promptID: String
    let clientID: String?
    private(set) var messages: [JSONValue] = []

    init(hub: SocketHub, promptID: String, clientID: String?) {
        self.hub = hub
        self.promptID = promptID
        self.clientID = clientID
    }

    /// `PromptExecutor.add_message`: timestamped, kept for history, sent if there is a client or `broadcast`.
    mutating func addMessage(_ event: String, _ data: JSONObject, broadcast: Bool) {
        var data = data
        data["timestamp"] = .integer(Int(Date().timeIntervalSince1970 * 1000))
        messages.append([.string(event), .object(data)])
        if clientID != nil || broadcast { toSubmitterOrEveryone(.event(event, .object(data))) }
    }

    /// Frames guarded by `if server.client_id is not None` in ComfyUI.
    func toSubmitter(_ frame: OutgoingFrame) {
        if let clientID { hub.send(frame, to: .client(clientID)) }
    }

    /// `send_sync(event, data, server.client_id)`: a `None` client id means everyone.
    func toSubmitterOrEveryone(_ frame: OutgoingFrame) {
        hub.send(frame, to: clientID.map { .client($0) } ?? .everyone)
    }

    var submitterWantsMetadataPreviews: Bool { hub.supportsPreviewMetadata(clientID) }
}
