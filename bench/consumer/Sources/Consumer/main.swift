import ComfyKit
import Foundation

// The getting-started path, as README's library section writes it. Run against a server with
// `swift run Consumer http://127.0.0.1:8188 path/to/workflow.json`; the check script only builds it.
let arguments = CommandLine.arguments
guard arguments.count == 3, let server = URL(string: arguments[1]) else {
    print("usage: Consumer <server-url> <workflow.json>")
    exit(2)
}
let workflow = arguments[2]

// Three lines.
let kit = try ComfyKit(baseURL: server)
let result = await kit.execute(.file(path: workflow), params: ["seed": 42])
print(result)
for (name, urls) in result.imagesByVar {
    print(name, urls)
}
print(result.imagesByVar.keys.joined(separator: ", "), result.imagesByVar["image"] ?? [])

// Events, downloads and cancelling.
let run = kit.run(.file(path: workflow))
for await event in run.events {
    print(event)
}
let finished = await run.result
if finished.status == .completed {
    let files = try await kit.download(finished, to: FileManager.default.temporaryDirectory)
    print(files.count, "files")
}

// Cancelling the waiting task cancels the prompt on the server.
let waiting = Task { await kit.execute(.file(path: workflow)) }
waiting.cancel()
print(await waiting.value.status)

// Throwing instead of checking the status; a scoped kit that closes itself.
do {
    let value = try await withComfyKit(.init(comfyUIBaseURL: server)) { kit in
        try await kit.run(.file(path: workflow)).value
    }
    print(value.images)
} catch let failure as RunFailure {
    print("failed:", failure.localizedDescription)
}
await kit.close()
