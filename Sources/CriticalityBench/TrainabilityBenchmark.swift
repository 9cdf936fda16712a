import BLASKernel
import Foundation
import Training

/// Cells per minute of the default profile's trainability cells: a sample of the MLP cells that
/// `make figures` trains (``DefaultTrainingCells``, taken from the pipelines' graph), trained by
/// ours as the pipeline runs them (one cell per core at a time, each on one thread with one BLAS
/// thread) and by a plain NumPy user (bench/peers/trainability_cells_numpy.py: one cell after
/// another on NumPy's default BLAS threads), on real Fashion-MNIST.
///
/// The sample is trained in chunks, ours then the peer, so a change in the shared machine's load
/// hits both; data loading (once per process for both) is left out of both. Cells per minute are
/// wall-clock. CPU seconds per cell (ours: the cell's thread; the peer: its process, all BLAS
/// threads) are printed too, and so is the GEMM floor: the cell's GEMM flops at this run's
/// single-thread sgemm rate, the time no implementation on this BLAS can beat.
struct TrainabilityBenchmark {
    /// Cells of the sample and chunks it is trained in.
    let sampleSize = 24
    let chunks = 3

    func run() throws -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let cells = try DefaultTrainingCells()
        let sample = cells.sample(sampleSize)
        let data = try Dataset.fashionMNIST.load()
        let sgemm = SgemmRate.measure(batch: 256, width: 100)
        let perCoreRate = sgemm.perCore / Double(sgemm.threads) * 1e9
        let peerReason = TrainabilityCellsPeer.skipReason(for: sample.map(\.configuration))
        var table = Table(
            title: """
            trainability: \(sample.count) of the default profile's \(cells.all.count) MLP cells \
            (\(cells.countsByPipeline.map { "\($0.pipeline) \($0.cells)" }.joined(separator: ", "))), every \
            \(cells.all.count / max(sample.count, 1))th in declaration order; ours \(cores) cells at a time, 1 thread each \
            (OpenBLAS kernel \(KernelCorrection.report.kernel)); peer: NumPy, one cell at a time on its default threads; \
            GEMM floor at \(String(format: "%.1f", perCoreRate / 1e9)) GFLOP/s (sgemm 256×100×100, one thread, this run)
            """,
            header: ["cell", "ours s", "ours CPU s", "floor s", "peer s", "peer CPU s", "ours acc", "peer acc"])
        var oursWall = 0.0, peerSeconds = 0.0, oursCPU = 0.0, peerCPU = 0.0, floor = 0.0
        let chunkSize = (sample.count + chunks - 1) / chunks
        for start in stride(from: 0, to: sample.count, by: chunkSize) {
            let chunk = Array(sample[start..<min(start + chunkSize, sample.count)])
            let configurations = chunk.map(\.configuration)
            let costs = configurations.map { $0.gemmFlops(inputs: data.train.shape.count, classes: data.classes, testImages: data.test.count) }
            let ours = try OursCells.train(configurations, costs: costs, data: data, concurrent: cores)
            oursWall += ours.wall
            oursCPU += ours.cpuSeconds.reduce(0, +)
            let peer = peerReason == nil ? TrainabilityCellsPeer.train(configurations) : nil
            if let peer {
                peerSeconds += peer.seconds.reduce(0, +)
                peerCPU += peer.cpuSeconds.reduce(0, +)
            }
            for (index, cell) in chunk.enumerated() {
                let cellFloor = costs[index] / perCoreRate
                floor += cellFloor
                table.add([cell.name, String(format: "%.2f", ours.seconds[index]), String(format: "%.2f", ours.cpuSeconds[index]),
                           String(format: "%.2f", cellFloor),
                           peer.map { String(format: "%.2f", $0.seconds[index]) } ?? "–",
                           peer.map { String(format: "%.2f", $0.cpuSeconds[index]) } ?? "–",
                           String(format: "%.3f", ours.testAccuracy[index]),
                           peer.map { String(format: "%.3f", $0.testAccuracy[index]) } ?? "–"])
            }
        }
        let n = Double(sample.count)
        let oursRate = n / oursWall * 60
        var summary = "cells per minute: ours \(String(format: "%.1f", oursRate))"
        summary += " (all \(cells.all.count) default MLP cells at this rate: \(String(format: "%.1f", Double(cells.all.count) / oursRate)) min)"
        if let peerReason {
            summary += "; NumPy peer skipped: \(peerReason)"
        } else if peerSeconds > 0 {
            let peerRate = n / peerSeconds * 60
            // Ours at its GEMM floor, still `cores` cells at a time: what no faster code on this BLAS could pass.
            let floorRate = n / (floor / Double(cores)) * 60
            summary += ", NumPy peer \(String(format: "%.1f", peerRate)): \(String(format: "%.2f", oursRate / peerRate))× the peer"
                + " (at the GEMM floor: \(String(format: "%.2f", floorRate / peerRate))×)"
                + "; CPU seconds per cell: ours \(String(format: "%.2f", oursCPU / n)), floor \(String(format: "%.2f", floor / n)), peer \(String(format: "%.2f", peerCPU / n))"
        } else {
            summary += "; the NumPy peer failed"
        }
        return table.text + "\n" + summary
    }
}

/// Our cells as the pipeline trains them: `concurrent` at a time, each with one worker thread,
/// longest first (by GEMM flops), so that a chunk of the sample does not end with one core idle
/// while the other trains its longest cell: the pipeline's hundreds of cells keep both cores
/// busy to the end of all but the last few.
enum OursCells {
    struct Outcome {
        /// Wall and CPU seconds each cell took on its thread.
        var seconds: [Double]
        var cpuSeconds: [Double]
        var testAccuracy: [Double]
        /// Wall seconds for all of them.
        var wall: Double
    }

    static func train(_ configurations: [TrainingConfiguration], costs: [Double], data: DataSplit, concurrent: Int) throws -> Outcome {
        let results = ResultSlots(count: configurations.count)
        let next = NextIndex()
        let order = configurations.indices.sorted { costs[$0] > costs[$1] }
        let wall = timed {
            DispatchQueue.concurrentPerform(iterations: min(concurrent, configurations.count)) { _ in
                while let position = next.take(below: configurations.count) {
                    let index = order[position]
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
