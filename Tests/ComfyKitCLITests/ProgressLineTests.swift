import CellWidth
@testable import ComfyKitCLI
import ComfyKit
import Testing

/// The live progress line of `comfykit run`, as text.
@Suite struct ProgressLineTests {
    let start = ContinuousClock.now

    @Test func aQueuedRunShowsItsPosition() {
        var line = ProgressLine(totalNodes: 4)
        _ = line.apply(.queued(position: 2))
        #expect(line.render(width: 80, elapsed: .seconds(3)) == "[░░░░░░░░░░░░░░░░░░░░]    0%  queued: 2 ahead  0:03")
    }

    @Test func aRunningNodeShowsOverallNodeStepsRateAndETA() {
        var line = ProgressLine(totalNodes: 7)
        _ = line.apply(.started)
        _ = line.apply(.nodeStarted(NodeInfo(id: "3", classType: "KSampler", title: "Sampler"), overall: 0.25))
        _ = line.apply(.progress(node: "3", value: 2, max: 20, overall: 0.3), at: start)
        _ = line.apply(.progress(node: "3", value: 12, max: 20, overall: 0.5), at: start + .seconds(5))
        let text = line.render(width: 120, elapsed: .seconds(65), now: start + .seconds(5))
        #expect(text == "[███████████████░░░░░░░░░░░░░░░]   50%  1/7 KSampler · Sampler  step 12/20  2.0 it/s  ETA 0:04  1:05")
    }

    @Test func theLineIsCutToTheTerminalWidth() {
        var line = ProgressLine(totalNodes: 2)
        _ = line.apply(.nodeStarted(NodeInfo(id: "1", classType: "CLIPTextEncode", title: "一个很长的中文标题用来测试宽度"), overall: 0))
        let text = line.render(width: 40, elapsed: .zero)
        #expect(CellWidth.of(text) <= 40)
        #expect(text.hasSuffix("…"))
    }

    @Test func eventsThatDeserveALineSayWhatHappened() {
        var line = ProgressLine(totalNodes: 2)
        #expect(line.apply(.uploading(param: "image", file: "cat.png")) == "uploading image: cat.png")
        #expect(line.apply(.cached(nodes: ["1", "2"])) == "cached: 2 nodes reused")
        #expect(line.apply(.connectionLost) == "event stream lost; following the run through /history")
        #expect(line.apply(.progress(node: "1", value: 1, max: 2, overall: 0.25)) == nil)
    }

    @Test func hoursAreShownPastAnHour() {
        #expect(ProgressLine(totalNodes: 1).clock(3725) == "1:02:05")
        #expect(ProgressLine(totalNodes: 1).clock(65) == "1:05")
    }
}

/// `-p name=value` parsing with the workflow's kinds.
@Suite struct ParamArgumentsTests {
    let spec: WorkflowSpec = {
        let json: JSONValue = ["1": ["class_type": "EmptyImage", "inputs": ["width": 64, "height": 48, "color": 0], "_meta": ["title": "$width!, $height, $color"]]]
        guard case .workflow(let workflow) = try! WorkflowDocument.from(json, source: "t", name: "t") else { fatalError() }
        return try! WorkflowSpec(workflow)
    }()

    @Test func valuesAreCoercedByKindAndJSONIsTakenAsIs() throws {
        let values = try ParamArguments.values(["width=1024", "height= 7 "], json: ["color=[1, 2]"], spec: spec)
        #expect(values == ["width": .int(1024), "height": .int(7), "color": .json([1, 2])])
    }

    @Test func anEqualsSignInTheValueIsKept() throws {
        let json: JSONValue = ["1": ["class_type": "CLIPTextEncode", "inputs": ["text": "x"], "_meta": ["title": "$prompt.text"]]]
        guard case .workflow(let workflow) = try WorkflowDocument.from(json, source: "t", name: "t") else { return }
        #expect(try ParamArguments.values(["prompt=a=b, c"], spec: try WorkflowSpec(workflow)) == ["prompt": "a=b, c"])
    }
}
