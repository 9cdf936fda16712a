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
    /// `pixels` and `channels` bound the data sets' images (CIFAR-10: 32 × 32 × 3).
    static func training(_ config: TrainingConfiguration, threads: Int) throws {
        let what = config.architecture == .cnn ? "a CNN of \(config.width) channels and depth \(config.depth)" : "an MLP of width \(config.width) and depth \(config.depth)"
        try MemoryBudget.require(bytes: trainingBytes(config, threads: threads), for: "training \(what) with batch \(config.batchSize)",
                                 fix: "pass a smaller \(config.architecture == .cnn ? "--channels" : "--width"), --depth or --batch")
    }

    /// The bytes ``training(_:threads:)`` checks.
    static func trainingBytes(_ config: TrainingConfiguration, threads: Int, pixels: Double = 32 * 32, channels: Double = 3) -> Double {
        let width = Double(config.width), depth = Double(config.depth), batch = Double(config.batchSize)
        let parameters: Double, activations: Double
        switch config.architecture {
        case .mlp:
            parameters = pixels * channels * width + (depth - 1) * width * width + width * 10
            // Pre-activations, activations and their gradients, per layer.
            activations = 4 * batch * width * depth
        case .cnn:
            parameters = 9 * width * (channels + width * (depth - 1)) + width * 10
            // The lift runs at full resolution, one stride-2 convolution at a quarter, the rest at
            // a sixteenth; four maps per layer, plus one layer's 3 × 3 patch matrix (im2col).
            activations = 4 * batch * width * pixels * (1 + 0.25 + (depth - 2) / 16) + 9 * batch * width * pixels
        }
        return 4 * (parameters * (4 + Double(threads)) + activations)
    }

    /// Simulations: per worker, one N × N weight matrix (dense sampler) and a few N-vectors; per
    /// network, the statistics a run keeps over `keptLayers` layers.
    static func simulation(width: Int, networks: Int, keptLayers: Int, dense: Bool, weightBytes: Double = 8, threads: Int) throws {
        try MemoryBudget.require(bytes: simulationBytes(width: width, networks: networks, keptLayers: keptLayers, dense: dense,
                                                        weightBytes: weightBytes, threads: threads), for: "\(networks) networks of width \(width)\(dense ? " with dense weight matrices" : "")",
                                 fix: "pass a smaller --width or --networks\(dense ? " (or --sampler exact)" : "")")
    }

    /// The bytes ``simulation(width:networks:keptLayers:dense:weightBytes:threads:)`` checks.
    static func simulationBytes(width: Int, networks: Int, keptLayers: Int, dense: Bool, weightBytes: Double = 8, threads: Int) -> Double {
        let n = Double(width)
        let perWorker = (dense ? weightBytes * n * n : 0) + 64 * n
        return Double(threads) * perWorker + 32 * Double(networks) * Double(keptLayers)
    }
}
