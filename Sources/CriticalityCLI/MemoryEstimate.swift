import Foundation
import Pipeline
import Simulation
import Training

/// Upper estimates of what the commands' largest arrays take, checked against memory with
/// ``MemoryBudget`` before any data is loaded or weight drawn. They count the arrays that grow
/// with the sizes a user passes (weights, gradients, optimiser state and activations per worker;
/// weight matrices per simulation worker), generously, not to the byte.
enum MemoryEstimate {
    /// Training: parameters in Float32 held by the primary network, its optimiser state (≤ 2
    /// copies) and each worker's gradients, plus each worker's activations for its share of a batch.
    static func training(_ config: TrainingConfiguration, threads: Int, inputSize: Double = 28 * 28 * 3) throws {
        let width = Double(config.width), depth = Double(config.depth), batch = Double(config.batchSize)
        let parameters: Double, activations: Double
        switch config.architecture {
        case .mlp:
            parameters = inputSize * width + (depth - 1) * width * width + width * 10
            activations = 4 * batch * width * depth
        case .cnn:
            parameters = 9 * width * (3 + width * (depth - 1)) + width * 10
            activations = 4 * batch * inputSize * width * depth
        }
        let bytes = 4 * (parameters * (4 + Double(threads)) + activations)
        let what = config.architecture == .cnn ? "a CNN of \(config.width) channels and depth \(config.depth)" : "an MLP of width \(config.width) and depth \(config.depth)"
        try MemoryBudget.require(bytes: bytes, for: "training \(what) with batch \(config.batchSize)",
                                 fix: "pass a smaller \(config.architecture == .cnn ? "--channels" : "--width"), --depth or --batch")
    }

    /// Simulations: per worker, one N × N weight matrix (dense sampler) and a few N-vectors; per
    /// network, the statistics a run keeps over `keptLayers` layers.
    static func simulation(width: Int, networks: Int, keptLayers: Int, dense: Bool, weightBytes: Double = 8, threads: Int) throws {
        let n = Double(width)
        let perWorker = (dense ? weightBytes * n * n : 0) + 64 * n
        let bytes = Double(threads) * perWorker + 32 * Double(networks) * Double(keptLayers)
        try MemoryBudget.require(bytes: bytes, for: "\(networks) networks of width \(width)\(dense ? " with dense weight matrices" : "")",
                                 fix: "pass a smaller --width or --networks\(dense ? " (or --sampler exact)" : "")")
    }
}
