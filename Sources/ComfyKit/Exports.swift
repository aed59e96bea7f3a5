// `import ComfyKit` is all a user writes: the pure core's types come with it.
@_exported import ComfyKitCore
