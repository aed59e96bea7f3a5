/// The parts of one running double, shared by its HTTP routes, WebSocket sessions and worker.
/// Every mutable part is an actor or lock-guarded; nothing is shared between doubles.
final class DoubleContext: Sendable {
    let configuration: ComfyUIDouble.Configuration
    let catalog: NodeCatalog
    let files: FileStore
    let queue: PromptQueue
    let hub: SocketHub
    let recorder: RequestRecorder
    /// Uploads still to fail under ``UploadFault/count``.
    let uploadFailuresLeft: LockedState<Int?>
    /// Answers to `POST /prompt` still to lose under ``PromptAnswerFault/count``.
    let promptAnswersToLose: LockedState<Int>
    /// The serialised `GET /object_info` body, built on first request.
    let objectInfoBody: LockedState<[UInt8]?>
    let idGenerator: LockedState<SplitMix64>
    /// Prompt start and finish times for benchmarks (``ComfyUIDouble/Configuration/timestampLog``).
    let timestamps: TimestampLog?

    init(configuration: ComfyUIDouble.Configuration, catalog: NodeCatalog, files: FileStore, timestamps: TimestampLog? = nil) {
        self.configuration = configuration
        self.catalog = catalog
        self.files = files
        self.hub = SocketHub(reconnectOverlapHazard: configuration.reconnectOverlapHazard, fault: configuration.webSocketFault)
        self.queue = PromptQueue(hub: hub, faults: configuration.historyFaults)
        self.recorder = RequestRecorder()
        self.uploadFailuresLeft = LockedState(configuration.uploadFault?.count)
        self.promptAnswersToLose = LockedState(configuration.promptAnswerFault?.count ?? 0)
        self.objectInfoBody = LockedState(nil)
        self.idGenerator = LockedState(SplitMix64(seed: configuration.seed ^ 0xC0FF_EE00))
        self.timestamps = timestamps
    }

    /// A UUID4 string like Python's `str(uuid.uuid4())`, from the seeded generator.
    func newPromptID() -> String { uuidString(dashed: true) }

    /// `uuid.uuid4().hex`, as the server names clients that connect without `clientId`.
    func newClientID() -> String { uuidString(dashed: false) }

    private func uuidString(dashed: Bool) -> String {
        var bytes = idGenerator.withLock { generator in (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
        guard dashed else { return hex }
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// Whether this prompt's answer should be lost, counting it down.
    func consumeLostPromptAnswer() -> PromptAnswerFault? {
        guard let fault = configuration.promptAnswerFault else { return nil }
        return promptAnswersToLose.withLock { left in
            guard left > 0 else { return nil }
            left -= 1
            return fault
        }
    }

    /// Whether this upload should fail under the upload fault, counting it down.
    func consumeUploadFailure() -> UploadFault? {
        guard let fault = configuration.uploadFault else { return nil }
        return uploadFailuresLeft.withLock { left in
            guard let remaining = left else { return fault }
            guard remaining > 0 else { return nil }
            left = remaining - 1
            return fault
        }
    }
}
