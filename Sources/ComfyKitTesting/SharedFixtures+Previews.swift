import Foundation

extension SharedFixtures {
    /// `shared/comfyui/previews/`: a real SD1.5 run (4 steps, `--preview-method latent2rgb`) recorded twice, without
    /// feature flags (`legacy_*`, type-1 frames) and with `supports_preview_metadata` (`metadata_*`, type-4 frames):
    /// every binary frame in full (`*_frameNN.bin`), the text messages and history (`*.json`), the output PNG.
    public static let previewsDirectory = directory.appendingPathComponent("comfyui/previews")

    /// The recorded file `name` in ``previewsDirectory`` (`legacy_output.png`, `metadata_frame02.bin`, …).
    public static func preview(_ name: String) -> URL { previewsDirectory.appendingPathComponent(name) }
}
