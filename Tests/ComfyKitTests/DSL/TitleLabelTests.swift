import ComfyKit
import Testing

@Suite("Title labels for display")
struct TitleLabelTests {
    @Test("free text stays, markers go", arguments: [
        ("Sampler, $seed, $steps, $cfg", "Sampler"),
        ("Size, $width!, $height!", "Size"),
        ("$prompt.text!", ""),
        ("$output.image", ""),
        ("VAE Decode", "VAE Decode"),
        ("  Load, $~image , Mask ", "Load, Mask"),
        ("", ""),
        ("Cost $5, $seed", "Cost $5"),
    ])
    func label(title: String, expected: String) {
        #expect(Title.label(title) == expected)
    }

    @Test("a node without free text is shown by its class")
    func nodeLabel() {
        #expect(NodeInfo(id: "3", classType: "KSampler", title: "Sampler, $seed").label == "Sampler")
        #expect(NodeInfo(id: "9", classType: "SaveImage", title: "$output.image").label == "SaveImage")
        #expect(NodeInfo(id: "6", classType: "CLIPTextEncode", title: "").label == "CLIPTextEncode")
    }
}
