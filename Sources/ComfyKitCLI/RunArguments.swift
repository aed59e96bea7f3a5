import ArgumentParser

/// The flags of every command that starts a run (`run`, `runs rerun`): params, a download folder, NDJSON.
struct RunArguments: ParsableArguments {
    @Option(name: [.customShort("p"), .customLong("param")], help: ArgumentHelp("A param value, read as the param's kind (repeatable; for rerun it replaces the recorded one).", valueName: "name=value"))
    var params: [String] = []

    @Option(name: .customLong("param-json"), help: ArgumentHelp("A param value given as JSON (repeatable).", valueName: "name=json"))
    var jsonParams: [String] = []

    @Option(help: ArgumentHelp("Download the outputs into this folder when the run completes.", valueName: "dir"))
    var download: String?

    @Flag(help: "Print NDJSON events on stdout, ending with the result.")
    var json = false
}
