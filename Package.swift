// swift-tools-version: 6.1
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
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-numerics", exact: "1.1.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // System libraries (Debian packages; see `make deps`).
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5-serial"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3"),
        .systemLibrary(name: "CGzip", path: "Sources/CGzip"),

        // HDF5 files: datasets, attributes, dimension scales; byte-deterministic, thread-safe.
        .target(name: "HDF5", dependencies: ["CHDF5"]),

        // Child processes (gnuplot, git, sbatch …) spawned with a clean signal mask and default
        // dispositions, so that they can always be stopped.
        .target(name: "ChildProcess"),

        // A gnuplot figure model, its script emitter and the renderer.
        .target(name: "Plot", dependencies: ["ChildProcess"]),

        // The theory: activations, Gaussian quadrature, fixed points, susceptibilities, depth scales.
        .target(name: "MeanField"),

        // The Gaussian generator's kernel (Philox4x32-10 + Box–Muller) in C: target_clones builds
        // AVX-512, AVX2 and baseline copies and the loader picks one per CPU, which Swift cannot
        // do (it compiles a module for one instruction set; machines of this kind differ in
        // AVX-512). Measured 2.3× (Float64) and 1.9× (Float32) the Swift SIMD version it replaces,
        // with bit-identical numbers. -O3 in every configuration, so debug tests run at speed.
        .target(name: "CPhiloxGaussian", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])], linkerSettings: [.linkedLibrary("m")]),

        // OpenBLAS's one global thread count, held at one by counted scopes, shared by the two
        // modules that parallelise over their own threads (Simulation, Training).
        .target(name: "BLASThreads", dependencies: ["CBLAS"]),

        // OpenBLAS on the CPU's own kernel: detects a generic fallback on a CPU that supports
        // better and restarts the process with OPENBLAS_CORETYPE set (executables only).
        .target(name: "BLASKernel", dependencies: ["CBLAS"]),

        // Finite-width random networks: counter-based Gaussian streams, propagation of input pairs,
        // stochastic lattice networks on a ring (paper 003), Jacobian spectra.
        // Compiled with -O in every configuration: its per-layer loops run many times slower
        // unoptimised, which would put the debug test suite in minutes.

        .target(name: "Simulation", dependencies: ["MeanField", "CBLAS", "BLASThreads", "CFFTW", "CPhiloxGaussian", .product(name: "Numerics", package: "swift-numerics")],
                swiftSettings: [.unsafeFlags(["-O", "-Xcc", "-fno-math-errno"])]),

        // The training step's tanh in C, one copy per instruction set (as CPhiloxGaussian):
        // bit-identical to the Swift rational function, ~11% of a CNN step at SSE2 width.
        .target(name: "CTrainingKernels", cSettings: [.unsafeFlags(["-O3"])]),

        // Training real networks (002 §4.1): dense and convolutional layers through OpenBLAS sgemm,
        // initialisers, optimisers, IDX/CIFAR readers; Float32, deterministic given a seed.
        .target(name: "Training", dependencies: ["CBLAS", "BLASThreads", "CGzip", "CTrainingKernels", "MeanField"]),

        // The engine: stages, keys, store, scheduler, provenance, progress.
        .target(name: "Pipeline", dependencies: ["ChildProcess", .product(name: "Crypto", package: "swift-crypto")]),

        // Artifact formats: labelled HDF5 data, rendered figures, text. A module of their own so
        // that what reads results (Reporting) does not link the science the stages run.
        .target(name: "Artifacts", dependencies: ["Pipeline", "HDF5", "Plot"]),

        // The reproduction scorecard: the claim model, the verdict rules and their evaluation
        // (pure functions from stored data to a verdict). A module of its own so the catalogue
        // (Pipelines/Claims.swift), the report and the CLI share it without linking the science.
        .target(name: "Claims", dependencies: ["Pipeline", "Artifacts"]),

        // Stage types: science wired into the engine (their source files are code dependencies).
        .target(name: "Stages", dependencies: ["Pipeline", "Artifacts", "Plot", "MeanField", "Training", "Simulation"]),

        // The papers, declared as pipelines: values and wiring only, never a code dependency.
        .target(name: "Pipelines", dependencies: ["Pipeline", "Artifacts", "Claims", "Stages", "MeanField", "Training", "Simulation"], path: "Pipelines"),

        // Reports and archives: the HTML report, the Workflow Run RO-Crate zip, and its verifier.
        .target(name: "Reporting", dependencies: [
            "Pipeline", "Artifacts", "Claims", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),

        // The command-line tool: a library so tests drive it in-process, and a thin executable.
        .target(name: "CriticalityCLI", dependencies: [
            "Pipeline", "Pipelines", "Reporting", "Claims", "Artifacts", "Stages", "CBLAS", "BLASKernel", "CFFTW", "HDF5", "Training", "MeanField", "Simulation", "ChildProcess",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "criticality", dependencies: ["CriticalityCLI", "BLASKernel", "BuiltSources", "Pipeline"]),

        // The engine's self-test stages and pipelines, and the test bed that adds them to the CLI:
        // for the end-to-end tests and `make bench`, never linked into `criticality`.
        .target(name: "SelftestStages", dependencies: ["Pipeline", "Artifacts"]),
        .executableTarget(name: "criticality-testbed", dependencies: ["CriticalityCLI", "BLASKernel", "BuiltSources", "Pipeline", "Pipelines", "SelftestStages"]),

        // Code digests come from the build, not from the checkout at run time: the plugin runs
        // the tool whenever a file of a target changes, and it writes the table (file digests,
        // target graph, each Swift file's derived code dependencies) into BuiltSources, which
        // only the executable and tests link, so an edit recompiles one generated file.
        .executableTarget(name: "SourceDigestTool"),
        .plugin(name: "SourceDigestPlugin", capability: .buildTool(), dependencies: ["SourceDigestTool"]),
        .target(name: "BuiltSources", plugins: ["SourceDigestPlugin"]),

        // `make bench`: tables measured next to same-run peers.
        .executableTarget(name: "CriticalityBench", dependencies: ["Pipeline", "Pipelines", "Stages", "CBLAS", "BLASKernel", "Training", "MeanField", "Simulation"]),

        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "BLASKernelTests", dependencies: ["BLASKernel"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
        .testTarget(name: "MeanFieldTests", dependencies: ["MeanField"]),
        .testTarget(name: "ArtifactsTests", dependencies: ["Artifacts", "Pipeline", "HDF5"]),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Artifacts"]),
        .testTarget(name: "StagesTests", dependencies: ["Stages", "Artifacts"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "MeanField", "CBLAS", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "MeanField"]),
        .testTarget(name: "CriticalityCLITests", dependencies: ["CriticalityCLI", "Pipeline", "Artifacts", "Stages", "BuiltSources", "SelftestStages", "Reporting"]),
    ]
)
