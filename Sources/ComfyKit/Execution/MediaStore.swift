import Foundation

/// Where a run's media goes before its prompt is sent: the server's upload endpoint.
protocol MediaStore: Sendable {
    /// Stores one param's media and returns the name to write into its bindings.
    func store(_ reference: MediaReference, param: String) async throws(RunFailure) -> String
}

extension ExecutionJob {
    /// Uploads each media param in order and writes its stored name into its bindings; stops at a cancel.
    /// Returns the failure that ends the run, if any.
    mutating func uploadMedia(to store: some MediaStore, control: RunControl, emit: @Sendable (RunEvent) -> Void) async -> RunFailure? {
        for upload in bound.uploads {
            if await control.isCancelled { return .interrupted(node: nil) }
            emit(.uploading(param: upload.param, file: upload.reference.shown))
            // In a task of its own, so that a cancel stops a long download or upload at once, not after it.
            let transfer = Task { () -> Result<String, RunFailure> in
                do throws(RunFailure) {
                    return .success(try await store.store(upload.reference, param: upload.param))
                } catch {
                    return .failure(error)
                }
            }
            await control.onCancel { transfer.cancel() }
            let outcome = await transfer.value
            await control.onCancel {}
            switch outcome {
            case .success(let name): bound.resolve(upload, storedAs: name)
            case .failure(let failure): return await control.isCancelled ? .interrupted(node: nil) : failure
            }
        }
        return nil
    }
}

extension MediaReference {
    /// How the reference is shown in events: URLs without query or user info.
    var shown: String {
        switch self {
        case .localFile(let path): path
        case .remote(let url): url.redactedForDisplay
        case .serverFile(let name): name
        }
    }
}
