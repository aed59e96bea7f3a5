// swift-tools-version: 6.1
// A package that uses ComfyKit as a library user would, to measure what it costs them: what it resolves
// (bench/consumer/check prints the pins) and that the getting-started code builds in Swift 6 mode without
// warnings. Not part of `swift build` or `swift test` of the repository.
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [
        // As README says: the library only, the apps' trait off.
        .package(name: "ComfyKit", path: "../..", traits: []),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "ComfyKit", package: "ComfyKit")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("MemberImportVisibility")]
        ),
    ]
)
