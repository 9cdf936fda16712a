import MeanField

/// Everything that defines one training run. Defaults are the 002 §4.1 MLP point
/// (tanh, D = 20, W = 300, σ_w² = 1.76, σ_b² = 0.05, SGD η = 10⁻³, batch 256).
public struct TrainingConfiguration: Sendable, Codable, Hashable {
    /// MLP or CNN.
    public var architecture: Architecture = .mlp
    /// φ, shared with the mean-field theory.
    public var activation: Activation = .tanh
    /// Hidden dense layers (MLP) or convolutions (CNN, ≥ 3).
    public var depth = 20
    /// Hidden width (MLP) or channels (CNN).
    public var width = 300
    /// σ_w².
    public var sw2 = 1.76
    /// σ_b².
    public var sb2 = 0.05
    /// Weight initialisation scheme.
    public var initialization: WeightInitialization = .gaussian
    /// Update rule.
    public var optimizer: OptimizerKind = .sgd
    /// Step size η (> 0, finite).
    public var learningRate = 1e-3
    /// Examples per step.
    public var batchSize = 256
    /// Optimiser steps (0 evaluates the initial network).
    public var steps = 180
    /// Seed of all randomness (weights: stream 1, data order: stream 2).
    public var seed: UInt64 = 1
    /// Record history every this many steps (0: only at the end). Each record evaluates the full test set.
    public var evaluationInterval = 0
    /// Training examples (the first ones, a fixed subset) on which the final train accuracy and loss are measured.
    public var trainEvaluationSubset = 10_000

    /// The defaults.
    public init() {}

    /// Throws ``TrainingError/invalidConfiguration(_:)`` naming the first bad value; called
    /// before any data or weights are touched.
    public func validate() throws {
        func fail(_ reason: String) throws -> Never { throw TrainingError.invalidConfiguration(reason) }
        if depth < 1 { try fail("depth \(depth) < 1; a network needs at least one hidden layer") }
        if architecture == .cnn, depth < 3 {
            try fail("CNN depth \(depth) < 3; the CNN has a lift and two stride-2 convolutions, so depth must be ≥ 3")
        }
        if width < 1 { try fail("\(architecture == .cnn ? "channels" : "width") \(width) < 1") }
        if !learningRate.isFinite || learningRate <= 0 { try fail("learning rate \(learningRate) must be finite and > 0") }
        if batchSize < 1 { try fail("batch size \(batchSize) < 1") }
        if steps < 0 { try fail("steps \(steps) < 0") }
        if !sw2.isFinite || sw2 < 0 { try fail("σ_w² = \(sw2) must be finite and ≥ 0") }
        if !sb2.isFinite || sb2 < 0 { try fail("σ_b² = \(sb2) must be finite and ≥ 0") }
        if evaluationInterval < 0 { try fail("evaluation interval \(evaluationInterval) < 0") }
        if trainEvaluationSubset < 1 { try fail("train evaluation subset \(trainEvaluationSubset) < 1") }
    }
}
