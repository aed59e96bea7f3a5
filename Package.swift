// swift-tools-version: 6.1
import PackageDescription
#if canImport(Glibc)
import Glibc

/// Packed relative relocations (DT_RELR) for the statically linked TUI: its 3 MB table of relocations becomes 25 KB. The
/// binary then needs glibc 2.36 to start, so a build host with an older glibc links without them.
let packedRelocations: [String] = {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count)  // "glibc 2.36"
    let version = String(cString: buffer).split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    guard version.count >= 2, (version[0], version[1]) >= (2, 36) else { return [] }
    return ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
}()
#else
let packedRelocations: [String] = []
#endif

let package = Package(
    name: "ComfyKit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ComfyKit", targets: ["ComfyKit"]),
        .library(name: "ComfyKitCore", targets: ["ComfyKitCore"]),
        .library(name: "ComfyKitHistory", targets: ["ComfyKitHistory"]),
        .library(name: "ComfyKitTesting", targets: ["ComfyKitTesting"]),
        .executable(name: "comfykit", targets: ["ComfyKitCLI"]),
        .executable(name: "comfykit-tui", targets: ["ComfyKitTUI"]),
        .executable(name: "comfyui-double", targets: ["ComfyUIDoubleServer"]),
        .executable(name: "runninghub-double", targets: ["RunningHubDoubleServer"]),
        .executable(name: "comfykit-bench", targets: ["ComfyKitBench"]),
    ],
    // The apps, the test doubles, test support and the benchmarks need more packages than the library. A
    // package that only uses the ComfyKit library turns this trait off (`traits: []`) and so resolves only
    // what the library needs; it is on by default, so this repository's own commands build everything.
    traits: [
        .trait(name: "Apps", description: "comfykit, comfykit-tui, the test doubles, ComfyKitTesting and the benchmarks"),
        .trait(name: "History", description: "the ComfyKitHistory library (run history in SQLite, through GRDB)"),
        // TOMLKit compiles toml++ (C++): a library user who names servers in code turns this off and skips it.
        .trait(name: "ServersFile", description: "named servers read from $XDG_CONFIG_HOME/comfykit/servers.toml (through TOMLKit)"),
        .default(enabledTraits: ["Apps", "History", "ServersFile"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // `swift package generate-documentation --target ComfyKit`; used by no target, so library users never resolve it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        // The pure core: JSON, workflow documents, the title DSL, params and the binder, results, run events and
        // failures. No networking: the compiler keeps NIO and AsyncHTTPClient out, and the fuzz build uses it.
        .target(
            name: "ComfyKitCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The SDK: executors, downloads, configuration, the facade. Re-exports ComfyKitCore. No terminal code.
        .target(
            name: "ComfyKit",
            dependencies: [
                "ComfyKitCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "TOMLKit", package: "TOMLKit", condition: .when(traits: ["ServersFile"])),
            ]
        ),
        // The run history on disk: SQLite through GRDB, with migrations and WAL. Its own product, behind the
        // History trait, so the SDK alone never pulls GRDB in.
        .target(
            name: "ComfyKitHistory",
            dependencies: [
                "ComfyKit",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift", condition: .when(traits: ["History"])),
            ]
        ),
        // Terminal column widths from one generated Unicode table (scripts/gen-cell-width), for the CLI and the TUI.
        .target(name: "CellWidth"),
        // Pictures in a terminal, for the CLI and the TUI: choosing the protocol, decoding (gdk-pixbuf) and encoding
        // (libchafa: kitty, sixel, iTerm2, symbol art). Not part of the SDK, so library users never need either.
        // Videos give their first frame (FFmpeg) and sounds a waveform (libsndfile), read from memory, bounded.
        .target(name: "ComfyKitPictures", dependencies: ["CChafa", "CGdkPixbuf", "CPNG", "CFFmpeg", "CSndFile"]),
        // libchafa and gdk-pixbuf through shim headers; their headers include glib's, found through pkg-config
        // (SwiftPM warns that it drops the .pc files' `-pthread`, which nothing here needs).
        .systemLibrary(name: "CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev"])]),
        .systemLibrary(name: "CGdkPixbuf", pkgConfig: "gdk-pixbuf-2.0", providers: [.apt(["libgdk-pixbuf-2.0-dev", "webp-pixbuf-loader"])]),
        // FFmpeg's demuxers, decoders and scaler (mp4/h264, webm/vp8/vp9 first frames) and libsndfile (FLAC, Ogg
        // Vorbis/Opus, MP3, WAV), each through a small C target whose callbacks read from memory. Their headers come
        // from Debian's -dev packages (.ci/install-deps); the libraries are opened with dlopen on first use, not
        // linked, so a process that draws no video or sound never maps FFmpeg and its ~130 libraries.
        // PNG (every ComfyUI output) through libpng directly, a row at a time into the box it is drawn in; libpng-dev
        // (.ci/install-deps). gdk-pixbuf links the same libpng, so this maps nothing new.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16")]),
        .target(name: "CFFmpeg", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CSndFile", linkerSettings: [.linkedLibrary("dl")]),
        // `comfykit`: the scriptable command line over the SDK.
        .executableTarget(
            name: "ComfyKitCLI",
            dependencies: [
                "ComfyKitHistory",
                "ComfyKit",
                "ComfyKitPictures",
                "CellWidth",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Apps"])),
            ]
        ),
        // `comfykit-tui`: the terminal app. Pure state/view layers; only Terminal/ calls ncurses.
        .executableTarget(
            name: "ComfyKitTUI",
            dependencies: [
                "ComfyKitHistory",
                "ComfyKit",
                "ComfyKitPictures",
                "CellWidth",
                "CNCursesW",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Apps"])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams", condition: .when(traits: ["Apps"])),
            ],
            resources: [.copy("Theme/Shipped")],
            // A release build links the Swift runtime and Foundation statically (through lld, which keeps only the code
            // reached, and with packed relocations where glibc allows): about 7 MB less resident at idle than nine shared
            // libraries, each relocated and mapped in 64 KiB runs (bench/README.md, issue 17). No symbol is exported (the
            // static runtime's default is all of them): every library's symbol look-ups at start-up then read a 2.7 MB table. Foundation's static archives need their ICU and shims named, since
            // autolinking names only the modules imported. Debug builds, and the tests that link this target, stay dynamic.
            linkerSettings: [
                .unsafeFlags([
                    "-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic",
                    "-Xlinker", "--start-group", "-lFoundationInternationalization", "-lFoundationEssentials", "-l_FoundationICU",
                    "-l_FoundationCShims", "-l_FoundationCollections", "-lCoreFoundation", "-lFoundation", "-lswiftSynchronization",
                    "-Xlinker", "--end-group",
                ] + packedRelocations, .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // ncursesw through a shim header; no pkgConfig (its -D flags are prohibited).
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // A ComfyUI server double that replays the recorded transcripts, for tests and benchmarks.
        // Stops the test servers gracefully (a cancelled Hummingbird server can trap in swift-nio; see ServerRun).
        .target(
            name: "ServerShutdown",
            dependencies: [
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["Apps"])),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support/ServerShutdown"
        ),
        .target(
            name: "ComfyUITestDouble",
            dependencies: [
                "ServerShutdown",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket", condition: .when(traits: ["Apps"])),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support/ComfyUITestDouble"
        ),
        .executableTarget(
            name: "ComfyUIDoubleServer",
            dependencies: [
                "ComfyUITestDouble",
                "ComfyKitTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Apps"])),
            ],
            path: "Tests/Support/ComfyUIDoubleServer"
        ),
        // A RunningHub v1 API double with the documented answers and fault knobs, for tests.
        .target(
            name: "RunningHubTestDouble",
            dependencies: [
                "ServerShutdown",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket", condition: .when(traits: ["Apps"])),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support/RunningHubTestDouble"
        ),
        .executableTarget(
            name: "RunningHubDoubleServer",
            dependencies: [
                "RunningHubTestDouble",
                "ComfyKitTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Apps"])),
            ],
            path: "Tests/Support/RunningHubDoubleServer"
        ),
        // Test support, as HummingbirdTesting: scoped launchers for both doubles (in-process and as executables),
        // the tmux harness for `comfykit-tui`, a local HTTP server, a subprocess runner, the shared fixtures.
        .target(
            name: "ComfyKitTesting",
            dependencies: [
                "ServerShutdown",
                "ComfyUITestDouble",
                "RunningHubTestDouble",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `comfykit-bench`: the Swift measurements behind `bench/run` (not a test; see bench/README.md).
        .executableTarget(
            name: "ComfyKitBench",
            dependencies: [
                "ComfyKitHistory",
                "ComfyKit",
                "ComfyKitPictures",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Apps"])),
            ],
            path: "bench/Sources/ComfyKitBench"
        ),
        .testTarget(
            name: "ComfyUITestDoubleTests",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "ComfyUITestDouble",
                "ComfyKitTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
            ]
        ),
        .testTarget(
            name: "ComfyKitTestingTests",
            dependencies: [
                "ComfyKitTesting",
                "ComfyUITestDouble",
                "RunningHubTestDouble",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
            ]
        ),
        .testTarget(
            name: "ComfyKitCLITests",
            dependencies: ["ComfyKitHistory", .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])), "ComfyKitCLI", "ComfyKit", "ComfyKitPictures", "CellWidth", "ComfyKitTesting", "ComfyUITestDouble", "RunningHubTestDouble"]
        ),
        .testTarget(
            name: "ComfyKitPicturesTests",
            dependencies: [
                "ComfyKitPictures", "ComfyKitTesting", "ComfyUITestDouble",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
            ]
        ),
        .testTarget(
            name: "CellWidthTests",
            dependencies: ["CellWidth"]
        ),
        .testTarget(
            name: "ComfyKitTUITests",
            dependencies: [.product(name: "Logging", package: "swift-log"), "ComfyKitTUI", "ComfyKitHistory", "ComfyKit", "ComfyKitPictures", "CellWidth", "ComfyKitTesting"]
        ),
        .testTarget(
            name: "ComfyKitTests",
            dependencies: [
                "ComfyKitHistory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                "ComfyKit",
                "ComfyKitCore",
                "ComfyKitTesting",
                "ComfyUITestDouble",
                "RunningHubTestDouble",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Apps"])),
                .product(name: "PropertyBased", package: "swift-property-based", condition: .when(traits: ["Apps"])),
                .product(name: "GRDB", package: "GRDB.swift", condition: .when(traits: ["History"])),
            ]
        ),
    ]
)
