import CBLAS
import Foundation
import MeanField
import Training

/// Training throughput: the MLP of 002 §4.1 (tanh, width 300, batch 256) at depths 10, 50, 100
/// and the CNN, as samples/s and achieved GFLOP/s, next to the machine's sgemm rate at the MLP
/// step's shapes (``SgemmRate``) and to a plain NumPy implementation of the same network and SGD
/// step (bench/peers/mlp_numpy.py), all measured in this run.
///
/// The machines are shared and swing by up to 2× within a minute, so every row is measured in
/// `rounds` rounds, ours and the peer alternating, and the table gives medians: samples/s,
/// and × NumPy as the median of the per-round ratios (with their range).
///
/// Each MLP row also runs the step's sgemm calls alone (``MLPStepProducts``) in the same rounds:
/// "of it" is our step against its own products, and "alone × NumPy" the most any step built on
/// those calls could show against the peer, which says what a × NumPy target asks of this BLAS.
///
/// FLOPs of a step: 2 per multiply-add, three GEMMs per dense layer (forward X·W, weight
/// gradient Xᵀ·dY, input gradient dY·Wᵀ), so 6·B·Σ(in·out) minus 2·B·784·300 because the first
/// layer's input gradient is never formed; for the CNN the same with Ho·Wo·9·C_in·C_out per
/// convolution, i.e. the direct convolution's count whatever algorithm runs it. Bias, activation,
/// im2col, transforms and the update are not counted (they are overhead).
struct TrainingBenchmark {
    let width = 300
    let batch = 256
    let depths = [10, 50, 100]
    let rounds = 5

    func run() throws -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rate = SgemmRate.measure(batch: batch, width: width)
        let ceiling = rate.ceiling
        var table = Table(
            title: """
            training: \(cores) worker thread(s) splitting each batch, 1 BLAS thread each (OpenBLAS kernel \(corename)); \
            sgemm at the MLP step's shapes: \(gflops(rate.threaded)) GFLOP/s on \(rate.threads) OpenBLAS thread(s), \
            \(gflops(rate.perCore)) with one single-threaded stream per core; "of sgemm" is against the larger; \
            medians of \(rounds) rounds
            """,
            header: ["network", "samples/s", "GFLOP/s", "of sgemm", "sgemm alone", "of it", "NumPy samples/s", "× NumPy", "alone × NumPy"])
        let data = syntheticSplit(shape: FeatureShape(height: 28, width: 28, channels: 1))

        for depth in depths {
            var config = TrainingConfiguration()
            config.depth = depth
            config.width = width
            config.batchSize = batch
            config.steps = max(10, 2000 / depth)
            config.trainEvaluationSubset = batch
            let inputs = data.train.shape.count
            let flops = Double(6 * (try macs(config, data)) - 2 * inputs * width)
            let products = MLPStepProducts(inputs: inputs, width: width, depth: depth, classes: data.classes, batch: batch, workers: cores)
            var rates = RoundRates()
            for _ in 0..<rounds {
                let sps = try samplesPerSecond(config, data, threads: cores)
                let alone = products.samplesPerSecond(steps: config.steps)
                rates.ours.append(sps)
                rates.alone.append(alone)
                if let peer = NumPyMLPPeer.samplesPerSecond(depth: depth, width: width, batch: batch, steps: config.steps) {
                    rates.peers.append(peer)
                    rates.ratios.append(sps / peer)
                    rates.aloneRatios.append(alone / peer)
                }
            }
            table.add(row("MLP D=\(depth)", rates, flops: flops, ceiling: ceiling, hasPeer: true))
        }
        // The CNN of 002 §4.1 (28×28×1 inputs, Delta-Orthogonal) at D = 8 with 32 channels and with
        // the 64 of the issue's `train --arch cnn --channels 64`, and deeper, where the stride-1
        // layers at 7×7 that make up most of the paper's networks dominate.
        for (depth, channels) in [(8, 32), (8, 64), (20, 64)] {
            var cnn = TrainingConfiguration()
            cnn.architecture = .cnn
            cnn.depth = depth
            cnn.width = channels
            cnn.batchSize = 64
            cnn.steps = 60 * 8 / depth
            cnn.initialization = .deltaOrthogonal
            cnn.trainEvaluationSubset = 64
            // The first layer's input gradient is never formed.
            let flops = Double(6 * (try macs(cnn, data)) - 2 * 28 * 28 * 9 * 1 * channels)
            let ours = try (0..<rounds).map { _ in try samplesPerSecond(cnn, data, threads: cores) }
            table.add(row("CNN D=\(depth) C=\(channels) batch 64", RoundRates(ours: ours), flops: flops, ceiling: ceiling, hasPeer: false))
        }
        table.add(["target", "", "", "≥ 70 %", "", "", "", "≥ 1.5", ""])
        var text = table.text
        text += "\n\"sgemm alone\": the MLP step's own sgemm calls (same shapes, workers and buffers) without bias, activation,"
        text += "\nloss, gradient sum or update (MLPStepProducts): no step built on these calls can pass it, so \"alone × NumPy\""
        text += "\nis the most any such step could show against the peer."
        text += "\nCNN GFLOP/s count the direct convolution's multiply-adds; the stride-1 layers run Winograd F(2×2, 3×3),"
        text += "\nwhich at 7×7 maps does 256 instead of 441 per channel pair and image, so a deep CNN can pass 100 %."
        if let reason = NumPyMLPPeer.skipReason { text += "\nNumPy peer skipped: \(reason)" }
        return text
    }

    /// Samples/s and ratios of one row's rounds (empty where the row has no such column).
    private struct RoundRates {
        var ours: [Double] = []
        var alone: [Double] = []
        var peers: [Double] = []
        var ratios: [Double] = []
        var aloneRatios: [Double] = []
    }

    /// A table row from the rounds' rates; with `hasPeer`, an empty peer list means it was skipped.
    private func row(_ name: String, _ rates: RoundRates, flops: Double, ceiling: Double, hasPeer: Bool) -> [String] {
        let sps = median(rates.ours), achieved = sps * flops / 1e9
        let peerCell = hasPeer ? (rates.peers.isEmpty ? "skipped" : String(format: "%.0f", median(rates.peers))) : ""
        func ratioCell(_ ratios: [Double]) -> String {
            ratios.isEmpty ? "" : String(format: "%.2f (%.2f–%.2f)", median(ratios), ratios.min()!, ratios.max()!)
        }
        let aloneCell = rates.alone.isEmpty ? "" : String(format: "%.0f", median(rates.alone))
        let ofAlone = rates.alone.isEmpty ? "" : String(format: "%.0f %%", 100 * median(zip(rates.ours, rates.alone).map { $0 / $1 }))
        return [name, String(format: "%.0f", sps), gflops(achieved), String(format: "%.0f %%", 100 * achieved / ceiling),
                aloneCell, ofAlone, peerCell, ratioCell(rates.ratios), ratioCell(rates.aloneRatios)]
    }

    /// Multiply-adds per example of the configuration's network.
    private func macs(_ config: TrainingConfiguration, _ data: DataSplit) throws -> Int {
        try Trainer(configuration: config, data: data).network.multiplyAddsPerExample
    }

    /// One timed training run.
    private func samplesPerSecond(_ config: TrainingConfiguration, _ data: DataSplit, threads: Int) throws -> Double {
        try Trainer(configuration: config, data: data, threads: threads).train().samplesPerSecond
    }

    private func gflops(_ value: Double) -> String { String(format: "%.1f", value) }

    private var corename: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// Random bytes in the shape of Fashion-MNIST: throughput does not depend on the pixels.
    private func syntheticSplit(shape: FeatureShape) -> DataSplit {
        var generator = SeededGenerator(seed: 9)
        func set(_ n: Int) -> ImageSet {
            ImageSet(pixels: (0..<(n * shape.count)).map { _ in UInt8(truncatingIfNeeded: generator.next()) },
                     labels: (0..<n).map { _ in UInt8(generator.nextIndex(below: 10)) }, shape: shape)
        }
        return DataSplit(name: "synthetic", train: set(4096), test: set(256))
    }
}
