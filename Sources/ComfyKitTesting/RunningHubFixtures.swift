/// The RunningHub account and cloud workflow the tests use against the RunningHub double.
public enum RunningHubFixtures {
    /// The key the double knows by default.
    public static let apiKey = "rh-test-key"
    /// The id ``cloudWorkflow`` is served under.
    public static let workflowID = "1987"

    /// A cloud workflow with the DSL in its titles: `$seed` on a sampler, a second
    /// sampler with `seed: 0` and no marker, a required prompt bound to two nodes (fan-out), an optional
    /// negative prompt, an uploaded image, a plain image name, and a named output.
    public static let cloudWorkflow = """
        {
          "3": {"class_type": "KSampler", "inputs": {"seed": 0, "steps": 20, "cfg": 7, "model": ["4", 0]}, "_meta": {"title": "KSampler, $seed"}},
          "31": {"class_type": "KSampler", "inputs": {"seed": 0, "steps": 20, "model": ["4", 0]}, "_meta": {"title": "KSampler 2"}},
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15.safetensors"}, "_meta": {"title": "Load Checkpoint"}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}, "_meta": {"title": "Prompt, $prompt.text!"}},
          "16": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["4", 1]}, "_meta": {"title": "Prompt again, $prompt.text!"}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}, "_meta": {"title": "Negative, $negative.text"}},
          "10": {"class_type": "LoadImage", "inputs": {"image": "example.png"}, "_meta": {"title": "$~image"}},
          "11": {"class_type": "LoadImage", "inputs": {"image": "example.png"}, "_meta": {"title": "$ref.image"}},
          "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "ComfyUI"}, "_meta": {"title": "$output.cover"}}
        }
        """
}
