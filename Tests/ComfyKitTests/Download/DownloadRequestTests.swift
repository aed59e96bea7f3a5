import ComfyKit
import Foundation
import Testing

/// Which name a request saves under, and the requests a run's result yields.
@Suite struct DownloadRequestTests {
    @Test func aViewURLIsNamedByItsFilenameQueryItem() {
        let url = URL(string: "http://127.0.0.1:8188/view?filename=my%20pic%261.png&subfolder=x&type=output")!
        #expect(DownloadRequest(url: url).fileName == "my pic&1.png")
    }

    @Test func aComfyUITypeAnnotationIsNotPartOfTheName() {
        let url = URL(string: "http://127.0.0.1:8188/view?filename=cat.png%20%5Boutput%5D")!
        #expect(DownloadRequest(url: url).fileName == "cat.png")
    }

    @Test func aHostileFilenameQueryItemIsSanitised() {
        let url = URL(string: "http://127.0.0.1:8188/view?filename=../x.png")!
        #expect(DownloadRequest(url: url).fileName == "x.png")
    }

    @Test func anyOtherURLIsNamedByItsLastPathComponent() {
        #expect(DownloadRequest(url: URL(string: "https://cdn.example.com/a/b/video.mp4?sig=abc")!).fileName == "video.mp4")
        #expect(DownloadRequest(url: URL(string: "https://cdn.example.com/a/x%2Fy.png")!).fileName == "x_y.png")
        #expect(DownloadRequest(url: URL(string: "https://cdn.example.com/")!).fileName == "output")
    }

    @Test func aSuggestedNameWinsAndIsSanitisedToo() {
        let url = URL(string: "http://127.0.0.1:8188/view?filename=cat.png")!
        #expect(DownloadRequest(url: url, suggestedName: "dog.png").fileName == "dog.png")
        #expect(DownloadRequest(url: url, suggestedName: "../dog.png").fileName == "dog.png")
    }

    @Test func aResultYieldsImagesVideosAndAudiosWithTheirOutputNames() throws {
        let result = ExecuteResult(
            status: .completed,
            imagesByVar: ["portrait": ["http://h/view?filename=a.png", "http://h/view?filename=b.png"]],
            audiosByVar: ["voice": ["http://h/view?filename=c.flac"]],
            videosByVar: ["clip": ["http://h/view?filename=d.mp4"]],
            textsByVar: ["caption": ["not a file"]]
        )
        let requests = try DownloadRequest.all(in: result)
        #expect(requests.map(\.fileName) == ["a.png", "b.png", "d.mp4", "c.flac"])
        #expect(requests.map(\.outputName) == ["portrait", "portrait", "clip", "voice"])
        #expect(requests.map(\.category) == [.image, .image, .video, .audio])
    }

    @Test func anUnparsableResultURLIsAnErrorWithoutItsQuery() {
        let result = ExecuteResult(status: .completed, imagesByVar: ["x": ["http://[bad/view?token=s3cret"]])
        #expect(throws: DownloadError.invalidURL("http://[bad/view?…")) { try DownloadRequest.all(in: result) }
    }
}
