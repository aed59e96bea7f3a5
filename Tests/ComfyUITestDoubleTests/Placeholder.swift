import Testing
import ComfyUITestDouble
@Test func placeholderDouble() { #expect(Bool(true)) }
