import Foundation
import Testing

/// Bad input, run through the real binary: each is refused with a non-zero exit (not a signal),
/// a first line that names the problem, quickly, and without writing anything.
@Suite("hostile input is refused up front", .serialized)
struct HostileInputTests {
    /// One hostile command line, and words the first line of its error must contain.
    struct Case: CustomStringConvertible, Sendable {
        var arguments: [String]
        var expected: [String]
        /// Builds files the command reads, in the scratch folder, before it runs.
        var prepare: @Sendable (URL) throws -> Void = { _ in }
        var description: String { arguments.joined(separator: " ") }
    }

    /// An IDX file: magic `0x0000080D`, the sizes, then `body` bytes.
    static func idx(_ url: URL, dimensions: [UInt32], body: Int) throws {
        var data = Data([0, 0, 8, UInt8(dimensions.count)])
        for d in dimensions { data.append(contentsOf: [UInt8(d >> 24 & 0xff), UInt8(d >> 16 & 0xff), UInt8(d >> 8 & 0xff), UInt8(d & 0xff)]) }
        data.append(Data(repeating: 1, count: body))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// A data set of 4 training images of 28×28 and 2 test images of `test`×`test`.
    static func dataSet(test: UInt32) -> @Sendable (URL) throws -> Void {
        { folder in
            let data = folder.appendingPathComponent("data")
            try idx(data.appendingPathComponent("train-images-idx3-ubyte"), dimensions: [4, 28, 28], body: 4 * 28 * 28)
            try idx(data.appendingPathComponent("train-labels-idx1-ubyte"), dimensions: [4], body: 4)
            try idx(data.appendingPathComponent("t10k-images-idx3-ubyte"), dimensions: [2, test, test], body: 2 * Int(test * test))
            try idx(data.appendingPathComponent("t10k-labels-idx1-ubyte"), dimensions: [2], body: 2)
        }
    }

    static let train = ["train", "--data-dir", "data", "--steps", "1", "--batch", "2", "--depth", "2", "--width", "8", "--threads", "1"]

    static let cases: [Case] = [
        // Shape mismatches: larger test images overflowed the gather; smaller ones scored slices.
        Case(arguments: train, expected: ["30×30×1", "one image shape"], prepare: dataSet(test: 30)),
        Case(arguments: train, expected: ["20×20×1", "one image shape"], prepare: dataSet(test: 20)),
        // An IDX header whose sizes overflow a product.
        Case(arguments: train, expected: ["IDX header sizes"], prepare: { folder in
            try dataSet(test: 28)(folder)
            try idx(folder.appendingPathComponent("data/train-images-idx3-ubyte"), dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], body: 16)
        }),
        // Non-finite and absurd numbers where integers are expected.
        Case(arguments: ["trainability", "--depth", "nan", "--sw2", "1.5"], expected: ["--depth value nan"]),
        Case(arguments: ["trainability", "--depth", "inf", "--sw2", "1.5"], expected: ["--depth value inf"]),
        Case(arguments: ["trainability", "--depth", "1e30", "--sw2", "1.5"], expected: ["--depth value 1e+30"]),
        // Data-set folders: a typo in the name or the folder fails before any work.
        Case(arguments: ["run", "002-fig2-trainability", "--profile", "quick", "--data-dir", "cifar11=/tmp"], expected: ["unknown data set 'cifar11'", "cifar10"]),
        Case(arguments: ["run", "002-fig2-trainability", "--profile", "quick", "--data-dir", "cifar10=/nonexistent-cifar"], expected: ["/nonexistent-cifar is not a folder"]),
        Case(arguments: ["status", "--profile", "quick", "--data-dir", "cifar10"], expected: ["expected <data set>=<folder>"]),
        // Empty lists.
        Case(arguments: ["run", "002-finite-width", "--profile", "quick", "--set", "002-finite-width/propagation.widths=[]"], expected: ["widths is empty"]),
        // Sizes whose arrays cannot fit: refused by a memory estimate before any work.
        Case(arguments: ["train", "--width", "1000000000", "--steps", "1"], expected: ["memory", "--width"]),
        Case(arguments: ["simulate", "lattice", "--model", "linear", "--sw2", "0.5", "--sb2", "0.01", "--width", "1000000", "--depth", "1000000", "--networks", "1000000"],
             expected: ["memory", "--width"]),
        Case(arguments: ["run", "001-phase-diagram", "--profile", "quick", "--set", "001-phase-diagram/rows.sw2.count=1000000000"], expected: ["count <= 1000000"]),
        Case(arguments: ["run", "002-fig2-trainability", "--profile", "quick", "--set", "002-fig2-trainability/tanh-long-cells.configuration.width=1000000000"],
             expected: ["training cells of width 1000000000", "memory"]),
        // Every stage type reachable with --set checks its sizes before any work: lattice
        // ensembles (memory of a billion networks, a time preflight where sizes multiply, sizes
        // < 1, empty lists, histograms without bins), Jacobian spectra, layer trajectories, CNN
        // modes, axes, gathers and figure bins.
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/linear.ensemble.networks=1000000000"],
             expected: ["003-lattice/linear", "memory", "1000000000 lattice networks"]),
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/relu.ensemble.depth=1000000000000000"],
             expected: ["003-lattice/relu", "days", "operations"]),
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/spectrum.width=0"], expected: ["003-lattice/spectrum", "width", "≥ 1"]),
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/trajectories.sw2=[]"], expected: ["003-lattice/trajectories", "sw2 is empty"]),
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/modes.bins=1"], expected: ["003-lattice/modes", "bins 1 < 2"]),
        Case(arguments: ["run", "003-lattice", "--profile", "quick", "--set", "003-lattice/covariance.modesPerBin=0"], expected: ["003-lattice/covariance", "modesPerBin 0 < 1"]),
        Case(arguments: ["run", "002-dynamical-isometry", "--profile", "quick", "--set", "002-dynamical-isometry/spectra.depths=[]"], expected: ["depths is empty"]),
        Case(arguments: ["run", "002-dynamical-isometry", "--profile", "quick", "--set", "002-dynamical-isometry/spectra.width=1000000"],
             expected: ["002-dynamical-isometry/spectra", "memory"]),
        Case(arguments: ["run", "002-dynamical-isometry", "--profile", "quick", "--set", "002-dynamical-isometry/figure.bins=0"], expected: ["002-dynamical-isometry/figure", "bins 0"]),
        Case(arguments: ["run", "002-finite-width", "--profile", "quick", "--set", "002-finite-width/propagation.networks=10000000000"], expected: ["002-finite-width/propagation", "memory"]),
        Case(arguments: ["run", "002-layer-maps", "--profile", "quick", "--set", "002-layer-maps/trajectories.layers=1000000000000"], expected: ["002-layer-maps/trajectories", "memory"]),
        Case(arguments: ["run", "002-cnn-modes", "--profile", "quick", "--set", "002-cnn-modes/modes.kernelHalfWidth=1000000000000000"], expected: ["002-cnn-modes/modes", "days"]),
        Case(arguments: ["run", "002-cnn-modes", "--profile", "quick", "--set", "002-cnn-modes/modes.spatialSize=0"], expected: ["002-cnn-modes/modes", "spatialSize 0 < 1"]),
        // The phase diagram's gather takes nothing but its rows (their σ_b² is theirs), so there is
        // no list of variables or axis values left to empty.
        Case(arguments: ["run", "001-phase-diagram", "--profile", "quick", "--set", "001-phase-diagram/xi-c.variables=[]"],
             expected: ["001-phase-diagram/xi-c", "no parameter 'variables'"]),
        // A key that is a path.
        Case(arguments: ["exec", "../../../escaped", "--store", "S"], expected: ["not a stage key", "64 lowercase hex"]),
        // A folder where a zip is expected (used to spin forever).
        Case(arguments: ["verify", "."], expected: ["is not a readable zip archive", "a folder"]),
        // Negative numbers read as flags ("Missing value for '--jobs'").
        Case(arguments: ["run", "selftest", "--profile", "quick", "--jobs", "-3"], expected: ["--jobs must be at least 1"]),
        Case(arguments: ["train", "--depth", "-2", "--steps", "1"], expected: ["depth -2 < 1"]),
    ]

    @Test("refused with a clear first line, no signal, nothing written", arguments: cases)
    func refused(_ hostile: Case) throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        try hostile.prepare(cli.folder)
        let before = Self.tree(cli.folder)
        let started = Date()
        let (process, out, err) = try cli.start(hostile.arguments)
        // A refusal is immediate; give a slow debug build room, and kill a hang instead of waiting on it.
        guard cli.wait(timeout: 60, until: { !process.isRunning }) else {
            // Neither wait for it nor read its pipes: a hung child (or one it started) may hold them.
            kill(process.processIdentifier, SIGKILL)
            Issue.record("still running after \(Int(Date().timeIntervalSince(started))) s; killed")
            return
        }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationReason == .exit, "died of signal \(process.terminationStatus)")
        #expect(process.terminationStatus != 0)
        let first = stderr.split(separator: "\n").first.map(String.init) ?? ""
        for word in hostile.expected { #expect(first.contains(word), "first line: \(first)\nall: \(stderr)") }
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Stack dump"))
        #expect(Self.tree(cli.folder) == before, "the refusal wrote files")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.deletingLastPathComponent().appendingPathComponent("escaped").path))
    }

    /// Every path below `folder`.
    static func tree(_ folder: URL) -> Set<String> {
        var paths = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String { paths.insert(path) }
        return paths
    }
}
