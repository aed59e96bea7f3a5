import ComfyKit
import Foundation

/// The loop: read a key, apply messages, perform effects, render, draw the changed cells.
///
/// Curses is called from this loop's thread only; runs and scans are tasks that post to the ``Inbox``,
/// so a run in flight never blocks typing.
final class Runtime {
    private var state: AppState
    private let kit: ComfyKit
    private let downloadFolder: URL
    private let inbox = Inbox()
    private var handles: [Int: RunHandle] = [:]
    private var isRunning = true
    /// At most one probe in flight, started no sooner than ``probeInterval`` after the last one: idle CPU matters.
    private var isProbing = false
    private var nextProbe = ContinuousClock.now
    private static let probeInterval = Duration.seconds(2)

    init(state: AppState, kit: ComfyKit, downloadFolder: URL) {
        self.state = state
        self.kit = kit
        self.downloadFolder = downloadFolder
    }

    func run(on terminal: Terminal) {
        var previous = Screen(width: 0, height: 0)
        let size = terminal.size
        perform(update(&state, .resize(width: size.width, height: size.height)))
        perform([.loadFolder(path: state.folder)])
        let started = ContinuousClock.now
        while isRunning {
            let since = ContinuousClock.now - started
            var messages: [Message] = [.clock(Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18)]
            switch terminal.readInput() {
            case .key(let key)?: messages.append(.key(key))
            case .resize?:
                let size = terminal.size
                messages.append(.resize(width: size.width, height: size.height))
            case nil: break
            }
            messages += inbox.drain()
            if messages.contains(where: { if case .serverProbed = $0 { true } else { false } }) { isProbing = false }
            probeServerIfDue()
            for message in messages where isRunning { perform(update(&state, message)) }
            guard isRunning else { break }
            // Idle CPU: a tick that only moved the clock changes no cell unless a run shows its elapsed time.
            let drawn = previous.width == state.width && previous.height == state.height
            if drawn, messages.count == 1, !state.runs.contains(where: \.isActive) { continue }
            var screen = Screen(width: state.width, height: state.height)
            render(state, into: &screen)
            let changes = screen.diff(from: previous)
            if !changes.isEmpty {
                terminal.draw(changes, fullRedraw: screen.width != previous.width || screen.height != previous.height)
            }
            previous = screen
        }
        for handle in handles.values { handle.cancel() }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            isRunning = false
        case .loadFolder(let path):
            Task.detached { [inbox] in
                do {
                    inbox.post(.folderLoaded(try WorkflowFolder(path: path).scan()))
                } catch {
                    inbox.post(.folderFailed("\(error)"))
                }
            }
        case .startRun(let id, let path, let params):
            let handle = kit.run(.file(path: path), params: params)
            handles[id] = handle
            Task.detached { [inbox] in
                for await event in handle.events { inbox.post(.runEvent(runID: id, event)) }
            }
        case .cancelRun(let id):
            handles[id]?.cancel()
        case .download(let id, let urls):
            download(runID: id, urls: urls)
        case .drawSeed(let path, let field):
            inbox.post(.seedDrawn(workflowPath: path, field: field, seed: Int.random(in: 0...Int.max)))
        case .rememberForm(let path, let values):
            Task.detached {
                // Atomic write off the UI loop; a failure only costs the prefill next time.
                try? FormMemory(directory: FormMemory.standardDirectory(environment: ProcessInfo.processInfo.environment)).remember(values, for: path)
            }
        }
    }

    /// Asks `GET /queue` for the header's live state; the answer comes back as ``Message/serverProbed(_:)``.
    private func probeServerIfDue() {
        let now = ContinuousClock.now
        guard !isProbing, now >= nextProbe else { return }
        isProbing = true
        nextProbe = now + Self.probeInterval
        Task.detached { [kit, inbox] in
            do {
                let queue = try await kit.client.queue()
                inbox.post(.serverProbed(.connected(queue: queue.running.count + queue.pending.count)))
            } catch {
                inbox.post(.serverProbed(.unreachable(error)))
            }
        }
    }

    private func download(runID: Int, urls: [String]) {
        let parsed = urls.compactMap(URL.init(string:))
        Task.detached { [kit, inbox, downloadFolder] in
            do {
                let files = try await kit.download(parsed, to: downloadFolder)
                inbox.post(.downloaded(runID: runID, paths: files.map(\.fileURL.path)))
            } catch {
                inbox.post(.downloadFailed(runID: runID, reason: "\(error)"))
            }
        }
    }
}
