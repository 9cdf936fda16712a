import CBLAS
import Foundation
import MeanField
import Training

/// Training throughput: the MLP of 002 §4.1 (tanh, width 300, batch 256) at depths 10, 50, 100
/// and a small CNN, as samples/s and achieved GFLOP/s, next to OpenBLAS sgemm measured in the
/// same run at the step's GEMM shapes and to a plain NumPy implementation of the same network
/// and SGD step (bench/peers/mlp_numpy.py).
///
/// FLOPs of a step: 2 per multiply-add, three GEMMs per dense layer (forward X·W, weight
/// gradient Xᵀ·dY, input gradient dY·Wᵀ), so 6·B·Σ(in·out) minus 2·B·784·300 because the first
/// layer's input gradient is never formed; for the CNN the same with Ho·Wo·9·C_in·C_out per
/// convolution. Bias, activation, im2col and update work is not counted (it is overhead).
struct TrainingBenchmark {
    let width = 300
    let batch = 256
    let depths = [10, 50, 100]

    func run() throws -> String {
        let threads = openblas_get_num_threads()
        let ceiling = sgemmStepMix()
        var table = Table(
            title: "training: MLP tanh width \(width) batch \(batch), SGD (OpenBLAS \(threads) thread(s), kernel \(corename)); sgemm at the step's shapes: \(String(format: "%.1f", ceiling)) GFLOP/s",
            header: ["network", "samples/s", "GFLOP/s", "of sgemm", "NumPy samples/s", "× NumPy"])
        let data = syntheticSplit(shape: FeatureShape(height: 28, width: 28, channels: 1))
        for depth in depths {
            var config = TrainingConfiguration()
            config.depth = depth
            config.width = width
            config.batchSize = batch
            config.steps = max(10, 2000 / depth)
            config.trainEvaluationSubset = batch
            let trainer = try Trainer(configuration: config, data: data)
            let macs = trainer.network.multiplyAddsPerExample
            let result = trainer.train()
            let flopsPerExample = Double(6 * macs - 2 * 784 * width)
            let gflops = result.samplesPerSecond * flopsPerExample / 1e9
            let peer = NumPyMLPPeer.samplesPerSecond(depth: depth, width: width, batch: batch, steps: config.steps)
            table.add([
                "MLP D=\(depth)", String(format: "%.0f", result.samplesPerSecond), String(format: "%.1f", gflops),
                String(format: "%.0f %%", 100 * gflops / ceiling),
                peer.map { String(format: "%.0f", $0) } ?? "skipped",
                peer.map { String(format: "%.2f", result.samplesPerSecond / $0) } ?? "",
            ])
        }
        // The CNN of 002 §4.1 at a small size (D = 8, 28×28×1 inputs) with 32 channels, and with
        // the 64 of the issue's `train --arch cnn --channels 64`.
        for channels in [32, 64] {
            var cnn = TrainingConfiguration()
            cnn.architecture = .cnn
            cnn.depth = 8
            cnn.width = channels
            cnn.batchSize = 64
            cnn.steps = 60   // ~2 s: 20 steps swung by 3× on this shared machine
            cnn.initialization = .deltaOrthogonal
            cnn.trainEvaluationSubset = 64
            let cnnTrainer = try Trainer(configuration: cnn, data: data)
            let cnnMacs = cnnTrainer.network.multiplyAddsPerExample
            let cnnResult = cnnTrainer.train()
            // The first layer's input gradient is never formed.
            let cnnFlops = Double(6 * cnnMacs - 2 * 28 * 28 * 9 * 1 * channels)
            let cnnGflops = cnnResult.samplesPerSecond * cnnFlops / 1e9
            table.add(["CNN D=8 C=\(channels) batch 64", String(format: "%.0f", cnnResult.samplesPerSecond), String(format: "%.1f", cnnGflops),
                       String(format: "%.0f %%", 100 * cnnGflops / ceiling), "", ""])
        }
        table.add(["target", "", "", "≥ 70 %", "", ""])
        var text = table.text
        if let reason = NumPyMLPPeer.skipReason { text += "\nNumPy peer skipped: \(reason)" }
        return text
    }

    private var corename: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// GFLOP/s of the three GEMMs of a width-300 dense step at batch 256 (X·W: 256×300×300,
    /// Xᵀ·dY: 300×300×256, dY·Wᵀ: 256×300×300), run back to back for about a second.
    private func sgemmStepMix() -> Double {
        let m = batch, n = width
        let a = [Float](repeating: 0.01, count: m * n), w = [Float](repeating: 0.02, count: n * n)
        var c = [Float](repeating: 0, count: max(m * n, n * n))
        func mix() {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(n), 1, a, Int32(n), w, Int32(n), 0, &c, Int32(n))
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(n), Int32(m), 1, a, Int32(n), a, Int32(n), 0, &c, Int32(n))
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(n), 1, a, Int32(n), w, Int32(n), 0, &c, Int32(n))
        }
        for _ in 0..<20 { mix() }
        var best = 0.0
        for _ in 0..<5 {
            let repeats = 100
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats { mix() }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = max(best, Double(repeats) * 3 * 2 * Double(m * n * n) / seconds / 1e9)
        }
        return best
    }

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
