import Foundation
import Pipeline
import Simulation
import Training

/// Upper estimates of what the commands' largest arrays take, checked against memory with
/// ``MemoryBudget`` before any data is loaded or weight drawn. They count the arrays that grow
/// with the sizes a user passes (training: ``TrainingConfiguration/estimatedBytes(threads:pixels:channels:)``;
/// weight matrices per simulation worker), generously, not to the byte.
enum MemoryEstimate {
    /// Training with `threads` workers.
    static func training(_ config: TrainingConfiguration, threads: Int) throws {
        let what = config.architecture == .cnn ? "a CNN of \(config.width) channels and depth \(config.depth)" : "an MLP of width \(config.width) and depth \(config.depth)"
        try MemoryBudget.require(bytes: trainingBytes(config, threads: threads), for: "training \(what) with batch \(config.batchSize)",
                                 fix: "pass a smaller \(config.architecture == .cnn ? "--channels" : "--width"), --depth or --batch")
    }

    /// The bytes ``training(_:threads:)`` checks.
    static func trainingBytes(_ config: TrainingConfiguration, threads: Int) -> Double {
        config.estimatedBytes(threads: threads)
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
