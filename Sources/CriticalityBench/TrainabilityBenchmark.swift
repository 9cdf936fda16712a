import CBLAS
import Foundation
import MeanField
import Training

/// Cells per minute of the default Fig. 2 grid: the six depth-40 cells of the 500-step tanh
/// heatmap (width 100, batch 128, SGD, real Fashion-MNIST), each trained and evaluated as the
/// pipeline's cells are, on one BLAS thread — next to the NumPy peer's training time for the same
/// network and steps (the peer skips data loading and evaluation, which favours it).
struct TrainabilityBenchmark {
    let sw2: [Double] = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0]
    let depth = 40, width = 100, batch = 128, steps = 500

    func run() throws -> String {
        openblas_set_num_threads(1)
        let data = try Dataset.fashionMNIST.load()
        var seconds: [Double] = []
        for w in sw2 {
            var c = TrainingConfiguration()
            c.activation = .tanh
            c.sw2 = w
            c.sb2 = 0.05
            c.depth = depth
            c.width = width
            c.batchSize = batch
            c.steps = steps
            c.seed = 0
            seconds.append(try timed { _ = try Trainer(configuration: c, data: data).train() })
        }
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        var table = Table(title: "trainability: default Fig. 2 cells (tanh, depth \(depth), width \(width), batch \(batch), \(steps) SGD steps; 1 BLAS thread, kernel \(String(cString: openblas_get_corename())))",
                          header: ["implementation", "seconds per cell", "cells per minute (one core)", "ratio"])
        table.add(["criticality (train + evaluate 10k train, 10k test)", String(format: "%.2f", mean), String(format: "%.1f", 60 / mean), "1.00"])
        if let sps = NumPyMLPPeer.samplesPerSecond(depth: depth, width: width, batch: batch, steps: steps) {
            let peer = Double(steps * batch) / sps
            table.add(["NumPy peer (training steps only)", String(format: "%.2f", peer), String(format: "%.1f", 60 / peer), String(format: "%.2f", peer / mean)])
        } else {
            table.add(["NumPy peer skipped", NumPyMLPPeer.skipReason ?? "it failed", "", ""])
        }
        return table.text
    }
}
