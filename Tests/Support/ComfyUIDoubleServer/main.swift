import ComfyUITestDouble; print("x")
