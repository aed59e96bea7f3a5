import ArgumentParser
import ComfyKitTesting
import ComfyUITestDouble
import Foundation

/// `comfyui-double`: runs the ComfyUI test double until SIGINT or SIGTERM, printing its URL first.
@main
struct ComfyUIDoubleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comfyui-double",
        abstract: "Run a ComfyUI 0.3.64 test double on 127.0.0.1.",
        discussion: """
            The first line on stdout is the base URL (http://127.0.0.1:PORT). NODE is a class type \
            (KSampler) or a node id prefixed with # (#3).
            """
    )

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 0

    @Option(name: .customLong("shared-dir"), help: "The shared/ folder with comfyui/object_info.json and workflow media.")
    var sharedDirectory: String?

    @Option(name: .customLong("node-ms"), help: "Milliseconds each node takes.")
    var nodeMilliseconds = 1

    @Option(name: .customLong("slow"), help: "NODE=MS: this node or class takes MS milliseconds (repeatable).")
    var slowNodes: [String] = []

    @Option(name: .customLong("progress-steps"), help: "NODE=N: this node or class reports N progress steps (repeatable).")
    var progressSteps: [String] = []

    @Option(name: .customLong("progress-ms"), help: "Milliseconds between progress steps.")
    var progressMilliseconds = 1

    @Option(name: .customLong("progress-us"), help: "Microseconds between progress steps; overrides --progress-ms (500 gives 2,000 steps/s).")
    var progressMicroseconds: Int?

    @Option(name: .customLong("timestamp-log"), help: "Append 'started|finished PROMPT_ID CLOCK_MONOTONIC_NS' lines to this file (for benchmarks).")
    var timestampLog: String?

    @Option(name: .customLong("exit-after"), help: "Stop by itself after this many seconds, even without a signal.")
    var exitAfter: Int?

    @Flag(name: .customLong("no-previews"), help: "Send no sampler preview frames.")
    var noPreviews = false

    @Option(name: .customLong("preview-bytes"), help: "Size of each preview image in bytes.")
    var previewBytes: Int?

    @Option(name: .customLong("previews"), help: "Sampler previews: grey (a small grey JPEG) or recorded (the real SD1.5 run's 512×512 JPEGs in shared/comfyui/previews, one a step).")
    var previewSource = "grey"

    @Option(name: .customLong("preview-every"), help: "Send a sampler preview every N progress steps (1: each step; 100 at --progress-us 500 gives 20 frames/s).")
    var previewEvery = 1

    @Option(name: .customLong("image-output"), help: "PNGs that image nodes save: solid (a colour of the simulated size) or recorded (the real SD1.5 run's output in shared/comfyui/previews).")
    var imageOutput = "solid"

    @Option(name: .customLong("file-bytes"), help: "Size of every produced file in bytes (streamed).")
    var fileBytes: Int?

    @Option(name: .customLong("ws-drop-after"), help: "Drop the first WebSocket after N frames.")
    var dropAfter: Int?

    @Option(name: .customLong("ws-silent-after"), help: "Stop sending on the first WebSocket after N frames, keeping it open.")
    var silentAfter: Int?

    @Option(name: .customLong("ws-freeze-after"), help: "Stop sending and reading on the first WebSocket after N frames (no pongs), keeping it open.")
    var freezeAfter: Int?

    @Flag(name: .customLong("ws-fault-every-connection"), help: "Apply the WebSocket fault to every connection, not just the first.")
    var faultEveryConnection = false

    @Option(name: .customLong("queue-post-delay-ms"), help: "Wait this long before acting on and answering POST /queue (a slow cancel).")
    var queuePostDelay = 0

    @Option(name: .customLong("history-delay-ms"), help: "Delay every /history answer.")
    var historyDelay = 0

    @Option(name: .customLong("history-fail"), help: "Answer the first N /history requests with --history-fail-status.")
    var historyFailures = 0

    @Option(name: .customLong("history-fail-status"), help: "Status for failing /history answers.")
    var historyFailureStatus = 500

    @Option(name: .customLong("history-empty"), help: "Answer {} to the first N /history/{id} requests after a prompt completes.")
    var historyEmpty = 0

    @Option(name: .customLong("history-publish-delay-ms"), help: "Write history this long after executing:null instead of before it.")
    var historyPublishDelay = 0

    @Option(name: .customLong("fail-node"), help: "NODE raises RuntimeError when executed (repeatable).")
    var failingNodes: [String] = []

    @Option(name: .customLong("invalid-node"), help: "NODE fails validation with custom_validation_failed (repeatable).")
    var invalidNodes: [String] = []

    @Option(name: .customLong("upload-fail-status"), help: "Make /upload/image answer this status.")
    var uploadFailureStatus: Int?

    @Option(name: .customLong("upload-fail-count"), help: "Only the first N uploads fail.")
    var uploadFailureCount: Int?

    @Flag(name: .customLong("jobs-api"), help: "Behave as a newer ComfyUI: serve /api/jobs, check prompt_id, stamp create_time.")
    var jobsAPI = false

    @Flag(name: .customLong("no-overlap-hazard"), help: "Keep a reconnected socket registered when its older twin closes.")
    var noOverlapHazard = false

    func run() async throws {
        let double = try await ComfyUIDouble.start(try makeConfiguration())
        FileHandle.standardOutput.write(Data((double.baseURL.absoluteString + "\n").utf8))
        if let exitAfter {
            await TerminationSignal.wait(orAfter: .seconds(exitAfter))
        } else {
            await TerminationSignal.wait()
        }
        await double.shutdown()
    }

    func makeConfiguration() throws -> ComfyUIDouble.Configuration {
        var config = ComfyUIDouble.Configuration()
        config.port = port
        if let sharedDirectory { config.sharedDirectory = URL(fileURLWithPath: sharedDirectory) }
        config.nodeDuration = .milliseconds(nodeMilliseconds)
        config.queuePostDelay = .milliseconds(queuePostDelay)
        for entry in slowNodes {
            let (selector, value) = try Self.pair(entry, option: "--slow")
            config.nodeDurations[selector] = .milliseconds(value)
        }
        for entry in progressSteps {
            let (selector, value) = try Self.pair(entry, option: "--progress-steps")
            config.progressSteps[selector] = value
        }
        config.progressStepInterval = progressMicroseconds.map { .microseconds($0) } ?? .milliseconds(progressMilliseconds)
        config.timestampLog = timestampLog.map { URL(fileURLWithPath: $0) }
        switch previewSource {
        case "grey": config.previews = PreviewSettings(enabled: !noPreviews, imageSize: previewBytes)
        case "recorded":
            config.previews = try PreviewSettings.recorded(in: config.sharedDirectory)
            config.previews.enabled = !noPreviews
        default: throw ValidationError("--previews \(previewSource): expected grey or recorded")
        }
        guard previewEvery > 0 else { throw ValidationError("--preview-every \(previewEvery): expected 1 or more steps") }
        config.previews.everySteps = previewEvery
        switch imageOutput {
        case "solid": config.imageOutput = nil
        case "recorded": config.imageOutput = try PreviewSettings.recordedOutput(in: config.sharedDirectory)
        default: throw ValidationError("--image-output \(imageOutput): expected solid or recorded")
        }
        config.producedFileSize = fileBytes
        if let dropAfter {
            config.webSocketFault = WebSocketFault(.drop, afterFrames: dropAfter, everyConnection: faultEveryConnection)
        } else if let silentAfter {
            config.webSocketFault = WebSocketFault(.goSilent, afterFrames: silentAfter, everyConnection: faultEveryConnection)
        } else if let freezeAfter {
            config.webSocketFault = WebSocketFault(.freeze, afterFrames: freezeAfter, everyConnection: faultEveryConnection)
        }
        config.historyFaults = HistoryFaults(
            responseDelay: .milliseconds(historyDelay), failingResponses: historyFailures, failureStatus: historyFailureStatus,
            emptyResponsesAfterCompletion: historyEmpty, publishDelay: .milliseconds(historyPublishDelay)
        )
        for node in failingNodes { config.forcedExecutionErrors[Self.selector(node)] = ForcedExecutionError() }
        for node in invalidNodes { config.forcedValidationErrors[Self.selector(node)] = ForcedValidationError() }
        if let uploadFailureStatus { config.uploadFault = UploadFault(status: uploadFailureStatus, count: uploadFailureCount) }
        config.reconnectOverlapHazard = !noOverlapHazard
        config.servesJobsAPI = jobsAPI
        return config
    }

    static func selector(_ text: String) -> NodeSelector {
        text.hasPrefix("#") ? .nodeID(String(text.dropFirst())) : .classType(text)
    }

    static func pair(_ entry: String, option: String) throws -> (NodeSelector, Int) {
        let parts = entry.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let value = Int(parts[1]) else {
            throw ValidationError("\(option) expects NODE=NUMBER, like KSampler=20 or #3=500; got '\(entry)'")
        }
        return (selector(String(parts[0])), value)
    }
}
