import ArgumentParser
import Foundation
import MeanField
import Pipeline
import Pipelines
import Stages
import Training
import Artifacts

/// `criticality trainability`: a (σ_w², depth) grid of training runs with the theory's ξ_c, the
/// measured boundary per column and the fitted multiple n — run through the engine, so cells are
/// cached and shared with the figures' pipelines.
struct TrainabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainability",
        abstract: "Train a (σ_w², depth) grid and fit depth_boundary = n·ξ_c (002 §4).",
        discussion: """
        --sw2 and --depth take a comma list (1.3,1.76,3.0) or START:STOP:COUNT (1:4:7). Each cell is
        one cached training run in the store; rerunning with a wider grid trains only the new cells.

        Example:
          criticality trainability --activation tanh --sb2 0.05 --sw2 1.3,1.76,3.0 --depth 40 \\
              --width 200 --batch 128 --steps 500 --optimizer sgd --lr 1e-3 --seed 0 --json
        """)

    @Option(help: "Activation (MeanField's names).") var activation = "tanh"
    @Option(parsing: .unconditional, help: "σ_b².") var sb2 = 0.05
    @Option(parsing: .unconditional, help: "σ_w² values: a,b,c or START:STOP:COUNT.") var sw2 = "1:4:7"
    @Option(parsing: .unconditional, help: "Depths: a,b,c or START:STOP:COUNT.") var depth = "10,20,40"
    @Option(parsing: .unconditional, help: "Hidden width.") var width = 100
    @Option(parsing: .unconditional, help: "Batch size.") var batch = 128
    @Option(parsing: .unconditional, help: "Optimiser steps per cell.") var steps = 500
    @Option(help: "sgd, momentum, rmsprop or adam.") var optimizer = "sgd"
    @Option(parsing: .unconditional, help: "Learning rate.") var lr = 1e-3
    @Option(parsing: .unconditional, help: "Seed.") var seed: UInt64 = 0
    @Option(name: .shortAndLong, parsing: .unconditional, help: "Cells trained at once (each uses one BLAS thread).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("The content-addressed store (default: $CRITICALITY_STORE, else .criticality/store).", valueName: "dir"))
    var store: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "No progress lines.") var quiet = false

    func run() throws {
        do {
            let phi = try Activation.parse(activation)
            let sw2Values = try Self.axis(sw2, name: "--sw2")
            let depthValues = try Self.axis(depth, name: "--depth").map { value -> Int in
                // Int(_:) traps on NaN, ±∞ and values past Int.max: check before converting.
                guard value.isFinite, value >= 1, value <= Double(Self.maximumDepth) else {
                    throw ValidationError("--depth value \(value) must be a number of layers from 1 to \(Self.maximumDepth)")
                }
                return Int(value.rounded())
            }
            guard sb2.isFinite, sb2 >= 0 else { throw ValidationError("--sb2 \(sb2) must be a finite, non-negative variance") }
            for value in sw2Values where !(value.isFinite && value >= 0) { throw ValidationError("--sw2 value \(value) must be a finite, non-negative variance") }
            for (name, value) in [("--width", width), ("--batch", batch), ("--steps", steps), ("--jobs", jobs)] + depthValues.map({ ("--depth", $0) }) where value < 1 {
                throw ValidationError("\(name) \(value) must be at least 1")
            }
            guard lr.isFinite, lr > 0 else { throw ValidationError("--lr \(lr) must be finite and > 0") }
            let kind = try OptimizerKind.parse(optimizer)
            var deepest = TrainingConfiguration()
            deepest.width = width
            deepest.depth = depthValues.max() ?? 1
            deepest.batchSize = batch
            // Each of --jobs cells trains at once on one thread.
            try MemoryEstimate.training(deepest, threads: 1 + max(jobs, 1))
            let pipeline = trainabilityPipeline(activation: phi, sb2: sb2, sw2: sw2Values, depths: depthValues, width: width, batch: batch,
                                                steps: steps, optimizer: kind, learningRate: lr, seed: seed)
            let engine = try WorkspaceOptions.engine(store: WorkspaceOptions.storeURL(store))
            let graph = try StageGraph([pipeline], profile: .default)
            let progress: ProgressSink = quiet || json ? SilentProgress() : ConsoleProgress()
            let interrupts = InterruptHandler { engine.cancel() }
            defer { interrupts.restore() }
            let summary = try engine.run(graph, options: .init(jobs: jobs, keepGoing: true), progress: progress)
            (progress as? ConsoleProgress)?.finish()
            if let failure = summary.failed.first { throw ValidationError("\(failure.stage): \(failure.message)") }
            let heatmap = try engine.provenance(graph, targets: ["trainability/heatmap"]).last
            guard let manifest = heatmap?.manifest else { throw ValidationError("the heatmap was not computed") }
            let data = try TrainabilityHeatmapData.read(from: engine.store.outputs(manifest.key))
            try report(data)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Prints the heatmap over the grid the cells span (their own σ_w² and depths, ascending).
    private func report(_ data: TrainabilityHeatmapData) throws {
        guard let fit = data.fit else { throw ValidationError("the heatmap has no depth rows, so no boundary fit") }
        let sw2 = data.sw2, depths = data.rowValues.map { Int($0) }
        let rows = data.testAccuracyRows
        let xi = data.xiC, boundary = fit.boundary
        let n = fit.n, low = fit.nLow, high = fit.nHigh
        let used = fit.columnsUsed
        if json {
            // Shortest round-trip numbers (ξ_c keeps every digit), null for non-finite ones.
            var out = TheoryJSON()
            out.add("activation", .string(activation))
            out.add("sb2", .number(sb2))
            out.add("sw2", .numbers(sw2))
            out.add("depth", .integers(depths))
            out.add("test_accuracy", .rows(rows))
            out.add("xi_c", .numbers(xi))
            out.add("boundary", .numbers(boundary))
            out.add("n", .number(n))
            out.add("n_low", .number(low))
            out.add("n_high", .number(high))
            out.add("columns_used", .integers(used))
            out.add("n_interval", .string(fit.intervalKind))
            if !n.isFinite { out.add("note", .string(fit.note ?? "no fit")) }
            print(out.text)
            return
        }
        print("test accuracy (rows: depth; columns: σ_w² = \(sw2.map { CaptionNumber.format($0) }.joined(separator: ", ")))")
        for (d, row) in zip(depths, rows) { print(String(format: "  L = %4d  ", d) + row.map { String(format: "%.3f", $0) }.joined(separator: "  ")) }
        print("ξ_c       " + xi.map { $0.isFinite ? String(format: "%.2f", $0) : "∞/none" }.joined(separator: "  "))
        print("boundary  " + boundary.map { $0.isFinite ? String(format: "%.1f", $0) : "—" }.joined(separator: "  "))
        if n.isFinite { print(String(format: "n = %.3f, interval [%.3f, %.3f]", n, low, high) + " (\(fit.intervalKind)) over \(used.count) columns") }
        else { print("n: not fitted (\(fit.note ?? "no boundary inside the grid"))") }
    }

    /// The most values an axis may have: each is a training run (or a row of them).
    static let maximumAxisCount = 10_000

    /// The deepest network a cell may train (paper 002's grids stop at 300 layers).
    static let maximumDepth = 100_000

    /// `a,b,c` or `START:STOP:COUNT`.
    static func axis(_ text: String, name: String) throws -> [Double] {
        let parts = text.split(separator: ":")
        if parts.count == 3 {
            guard let a = Double(parts[0]), let b = Double(parts[1]), let n = Int(parts[2]), n >= 1, n <= maximumAxisCount else {
                throw ValidationError("\(name) \(text): START:STOP:COUNT needs two numbers and a count from 1 to \(maximumAxisCount)")
            }
            return n == 1 ? [a] : (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        }
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty else { throw ValidationError("\(name) is empty: give a,b,c or START:STOP:COUNT") }
        guard values.allSatisfy({ $0 != nil }) else { throw ValidationError("\(name) \(text): not a list of numbers") }
        guard values.count <= maximumAxisCount else { throw ValidationError("\(name) has \(values.count) values; at most \(maximumAxisCount)") }
        return values.map { $0! }
    }
}
