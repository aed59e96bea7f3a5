import ArgumentParser

/// `comfykit-bench`: the Swift side of `bench/run`. Each subcommand does one measurement against a
/// running ComfyUI (the test double) and prints one JSON object on stdout; `bench/bench.py` joins
/// them with the double's timestamp log and the Python ComfyKit's figures into the table.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comfykit-bench",
        abstract: "Measure ComfyKit against a ComfyUI server (driven by bench/run).",
        subcommands: [SequentialCommand.self, ConcurrentCommand.self, DownloadBenchCommand.self, ParseBindCommand.self, HistoryBenchCommand.self, ConvertBenchCommand.self, PicturesBenchCommand.self]
    )
}

/// Where to run and what.
struct ServerOptions: ParsableArguments {
    @Option(help: "The ComfyUI server.")
    var server: String

    @Option(help: "ws or http.")
    var executor: String = "ws"

    @Option(help: "A workflow with an int param `color` (varied per run so the server never serves it from cache).")
    var workflow: String

    @Option(help: "First value of `color`; runs use base, base+1, …")
    var colorBase = 0
}
