import ComfyKit
import ComfyKitTesting
import Foundation
import Testing
@testable import ComfyKitTUI

/// `update` driven by key presses, with its run, cancel and download effects performed by the library against
/// the `comfyui-double` executable, as the runtime performs them: two runs in flight, the selected one
/// cancelled alone, and one output file downloaded with progress.
@Suite(.serialized) struct RunsAgainstTheDoubleTests {
    @Test func twoRunsInFlightCancellingTheSelectedOneLeavesTheOtherToComplete() async throws {
        try await withComfyUIDoubleProcess(["--progress-steps", "ImageUpscaleWithModel=60", "--progress-ms", "50",
                                            "--file-bytes", "300000"]) { double in
            try await withTemporaryDirectory("ckt-dl") { downloads in
                let driver = try Driver(server: double.baseURL, downloads: downloads)
                try await withCleanup({ await driver.kit.close() }) {
                    try await exercise(driver, downloads: downloads)
                }
            }
        }
    }

    private func exercise(_ driver: Driver, downloads: URL) async throws {
        driver.open("21_progress_upscale_tiny_model")
        Fixtures.type("comfykit_test.png", in: &driver.state)
        driver.press(.enter, .escape)
        try await driver.pump("run 1 to report steps") { $0.runs.all.first?.stepValue ?? 0 > 0 }
        driver.open("04_multi_output")
        Fixtures.type("comfykit_test.png", in: &driver.state)
        driver.press(.enter, .escape)
        #expect(driver.state.runs.all.count == 2)
        #expect(driver.state.currentRun?.id == 2, "a new run is the selected one")
        try await driver.pump("run 2 to wait behind run 1") { $0.runs.all.last?.promptID != nil }
        #expect(driver.state.runs.all[1].isActive)

        driver.press(.character("["))
        #expect(driver.state.currentRun?.id == 1)
        #expect(driver.press(.character("c")) == [.cancelRun(runID: 1)])
        try await driver.pump("both runs to end", within: 30) { !$0.runs.all.contains(where: \.isActive) }
        #expect(driver.state.runs.all[0].phase == .finished(.interrupted))
        #expect(driver.state.runs.all[1].phase == .finished(.completed), "\(driver.state.runs.all[1].log)")
        let names = driver.state.runs.all[1].outputGroups.map(\.name)
        #expect(names.contains("original") && names.contains("inverted") && names.contains("batch"), "groups: \(names)")

        // The runs screen: pick run 2, its second output, and download just that one file.
        driver.press(.character("o"), .character("]"), .character("j"))
        let url = try #require(driver.state.runs.selectedOutputURL)
        #expect(driver.press(.enter) == [.download(runID: 2, urls: [url])])
        try await driver.pump("the file to be saved") { state in
            if case .saved? = state.runs.all[1].downloads[url] { true } else { false }
        }
        guard case .saved(let path)? = driver.state.runs.all[1].downloads[url] else { return }
        #expect(path.hasPrefix(downloads.path))
        #expect(driver.progressReports > 1, "per-file progress arrived before the save")
        #expect(driver.progressReports <= 102, "progress is thinned to whole percents")
        let served = try await Subprocess.run("curl", ["-sf", url])
        #expect(served.status == 0 && served.standardOutput.count == 300_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == served.standardOutput)
        #expect(driver.state.runs.all[1].downloads.count == 1, "only the highlighted file was fetched")
    }
}

/// The state, the effects that concern runs performed for real, and their messages fed back.
private final class Driver {
    var state: AppState
    let kit: ComfyKit
    let downloads: URL
    let inbox = Inbox()
    var handles: [Int: RunHandle] = [:]
    var progressReports = 0

    init(server: URL, downloads: URL) throws {
        let folder = SharedFixtures.workflowsDirectory.path
        state = AppState(folder: folder, serverURL: server.absoluteString)
        _ = update(&state, .folderLoaded(try WorkflowFolder(path: folder).scan()))
        _ = update(&state, .resize(width: 120, height: 40))
        var settings = ComfyKitConfiguration.Overrides()
        settings.comfyUIBaseURL = server
        kit = ComfyKit(configuration: try ComfyKitConfiguration.resolve(settings, environment: [:]))
        self.downloads = downloads
    }

    func open(_ name: String) {
        state.route = .list
        Fixtures.select(name, in: &state)
        press(.enter)
    }

    @discardableResult
    func press(_ keys: Key...) -> [Effect] {
        let effects = keys.flatMap { update(&state, .key($0)) }
        perform(effects)
        return effects
    }

    /// Feeds back messages every 20 ms until `condition` holds, for at most `seconds`.
    func pump(_ what: String, within seconds: Double = 15, until condition: (AppState) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(state) {
            guard Date() < deadline else {
                throw HarnessFailure("timed out waiting for \(what); runs: \(state.runs.all.map { ($0.id, $0.phase, $0.log.suffix(3)) })")
            }
            try await Task.sleep(for: .milliseconds(20))
            for message in inbox.drain() {
                if case .downloadProgress = message { progressReports += 1 }
                perform(update(&state, message))
            }
        }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .startRun(let id, _, let workflow, let params):
                let handle = kit.run(workflow, params: params)
                handles[id] = handle
                Task.detached { [inbox] in
                    for await event in handle.events { inbox.post(.runEvent(runID: id, event)) }
                }
            case .cancelRun(let id):
                handles[id]?.cancel()
            case .download(let id, let urls):
                OutputDownloads.start(runID: id, urls: urls, kit: kit, folder: downloads, inbox: inbox, logger: .init(label: "test"))
            default:
                break
            }
        }
    }
}
