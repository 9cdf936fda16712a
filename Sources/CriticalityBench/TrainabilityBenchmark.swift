import BLASKernel
import Foundation
import Training

/// Cells per minute of the default profile's trainability grids (002 §4.1's protocol: tanh MLP,
/// SGD at 10⁻³, batch 256, 180 steps, real Fashion-MNIST, then the accuracy on the 10 000 test
/// images and the first 10 000 training images), on a sample of the grid: widths 100 and 200,
/// depths 10, 30 and 60, two σ_w² per (width, depth). Ours as the pipeline runs them: one cell per
/// core at a time, each on one worker thread with one BLAS thread. The peer as a plain NumPy user
/// would: one cell after another, NumPy on its own BLAS threads (bench/peers/trainability_cells_numpy.py).
///
/// The groups of one (width, depth) alternate, ours then the peer, so a change in the shared
/// machine's load hits both; data loading (once per process for both) is left out of both.
/// Cells per minute are wall-clock; CPU seconds per cell (ours: the cell's thread; the peer: its
/// process, all BLAS threads) are printed too, because on a loaded machine the peer's BLAS
/// threads wait for each other and its wall time swells more than ours.
struct TrainabilityBenchmark {
    let widths = [100, 200]
    let depths = [10, 30, 60]
    let sw2 = [1.5, 3.0]
    let sb2 = 0.05
    let batch = 256
    let steps = 180

    func configuration(width: Int, depth: Int, sw2: Double) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.activation = .tanh
        c.sw2 = sw2
        c.sb2 = sb2
        c.depth = depth
        c.width = width
        c.batchSize = batch
        c.steps = steps
        c.optimizer = .sgd
        c.learningRate = 1e-3
        c.seed = 0
        return c
    }

    func run() throws -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let data = try Dataset.fashionMNIST.load()
        let peerReason = TrainabilityCellsPeer.skipReason
        var table = Table(
            title: """
            trainability: default-profile cells (tanh MLP, SGD 1e-3, batch \(batch), \(steps) steps, Fashion-MNIST, \
            then test + 10k train accuracy), \(sw2.count) σ_w² per row; ours \(cores) cells at a time, 1 thread each \
            (OpenBLAS kernel \(KernelCorrection.report.kernel)); peer: NumPy, one cell at a time on its default threads
            """,
            header: ["width × depth", "ours s/cell", "ours CPU s/cell", "ours wall/row", "peer s/cell", "peer CPU s/cell",
                     "ours test acc", "peer test acc"])
        var oursWall = 0.0, peerSeconds = 0.0, oursCPU = 0.0, peerCPU = 0.0, cells = 0
        for width in widths {
            for depth in depths {
                let configurations = sw2.map { configuration(width: width, depth: depth, sw2: $0) }
                let ours = try OursCells.train(configurations, data: data, concurrent: cores)
                oursWall += ours.wall
                oursCPU += ours.cpuSeconds.reduce(0, +)
                cells += configurations.count
                let peer = peerReason == nil ? TrainabilityCellsPeer.train(width: width, depth: depth, sw2: sw2, sb2: sb2, batch: batch, steps: steps) : nil
                if let peer {
                    peerSeconds += peer.seconds.reduce(0, +)
                    peerCPU += peer.cpuSeconds.reduce(0, +)
                }
                let oursMean: String = String(format: "%.2f", mean(ours.seconds))
                let oursCPUMean: String = String(format: "%.2f", mean(ours.cpuSeconds))
                let peerMean: String = peer.map { String(format: "%.2f", mean($0.seconds)) } ?? "–"
                let peerCPUMean: String = peer.map { String(format: "%.2f", mean($0.cpuSeconds)) } ?? "–"
                let oursAccuracy: String = ours.testAccuracy.map { String(format: "%.3f", $0) }.joined(separator: " ")
                let peerAccuracy: String = peer?.testAccuracy.map { String(format: "%.3f", $0) }.joined(separator: " ") ?? "–"
                table.add(["\(width) × \(depth)", oursMean, oursCPUMean, String(format: "%.2f", ours.wall),
                           peerMean, peerCPUMean, oursAccuracy, peerAccuracy])
            }
        }
        let oursRate = Double(cells) / oursWall * 60
        var summary = "cells per minute: ours \(String(format: "%.1f", oursRate))"
        if let peerReason {
            summary += "; NumPy peer skipped: \(peerReason)"
        } else if peerSeconds > 0 {
            let peerRate = Double(cells) / peerSeconds * 60
            summary += ", NumPy peer \(String(format: "%.1f", peerRate)): \(String(format: "%.2f", oursRate / peerRate))× the peer; "
                + "CPU seconds per cell: ours \(String(format: "%.2f", oursCPU / Double(cells))), peer \(String(format: "%.2f", peerCPU / Double(cells)))"
        } else {
            summary += "; the NumPy peer failed"
        }
        return table.text + "\n" + summary + " (\(cells) cells)"
    }
}

/// Our cells as the pipeline trains them: `concurrent` at a time, each with one worker thread.
enum OursCells {
    struct Outcome {
        /// Wall and CPU seconds each cell took on its thread.
        var seconds: [Double]
        var cpuSeconds: [Double]
        var testAccuracy: [Double]
        /// Wall seconds for all of them.
        var wall: Double
    }

    static func train(_ configurations: [TrainingConfiguration], data: DataSplit, concurrent: Int) throws -> Outcome {
        let results = ResultSlots(count: configurations.count)
        let next = NextIndex()
        let wall = timed {
            DispatchQueue.concurrentPerform(iterations: min(concurrent, configurations.count)) { _ in
                while let index = next.take(below: configurations.count) {
                    let start = DispatchTime.now().uptimeNanoseconds, cpu = threadCPUSeconds()
                    let outcome = Result { try Trainer(configuration: configurations[index], data: data, threads: 1).train() }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds = threadCPUSeconds() - cpu
                    results.set(index, outcome.map { CellOutcome(result: $0, seconds: seconds, cpuSeconds: cpuSeconds) })
                }
            }
        }
        var outcome = Outcome(seconds: [], cpuSeconds: [], testAccuracy: [], wall: wall)
        for slot in results.all {
            let cell = try slot!.get()
            outcome.seconds.append(cell.seconds)
            outcome.cpuSeconds.append(cell.cpuSeconds)
            outcome.testAccuracy.append(cell.result.testAccuracy)
        }
        return outcome
    }

    /// CPU seconds the calling thread has run.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// One trained cell and its wall and CPU seconds.
private struct CellOutcome {
    let result: TrainingResult
    let seconds: Double
    let cpuSeconds: Double
}

private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

/// One result slot per cell, written by the worker that trained it.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<CellOutcome, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<CellOutcome, Error>) { lock.withLock { slots[index] = value } }
    var all: [Result<CellOutcome, Error>?] { lock.withLock { slots } }
}

/// The next cell to train, handed out once each.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
