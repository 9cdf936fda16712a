// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Criticality",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "criticality", targets: ["criticality"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // System libraries (Debian packages; see `make deps`).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3"),

        // The engine: stages, keys, store, scheduler, provenance, progress.
        .target(name: "Pipeline", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // The command-line tool: a library so tests drive it in-process, and a thin executable.
        .target(name: "CriticalityCLI", dependencies: [
            "Pipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "criticality", dependencies: ["CriticalityCLI"]),

        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
    ]
)
