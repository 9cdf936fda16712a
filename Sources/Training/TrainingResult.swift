/// The outcome of a run. A diverged run (non-finite loss) stops early and is reported here,
/// never by trapping.
public struct TrainingResult: Sendable {
    /// The run's configuration.
    public var configuration: TrainingConfiguration
    /// Records along the run.
    public var history: TrainingHistory
    /// True when a minibatch or final loss was NaN or infinite.
    public var diverged: Bool
    /// The step whose loss was not finite, when diverged during training.
    public var divergedAtStep: Int?
    /// Steps actually completed.
    public var stepsCompleted: Int
    /// Accuracy on the fixed training subset (the first ``TrainingConfiguration/trainEvaluationSubset`` examples).
    public var trainAccuracy: Double
    /// Mean loss on that subset.
    public var trainLoss: Double
    /// Accuracy on the full test set.
    public var testAccuracy: Double
    /// Mean loss on the full test set (not finite when diverged).
    public var testLoss: Double
    /// Seconds spent in optimiser steps (batch gathering, forward, backward, update).
    public var trainingSeconds: Double
    /// Wall seconds of the whole run, evaluations included (data loading and network construction excluded).
    public var seconds: Double
    /// Training examples per second of ``trainingSeconds``.
    public var samplesPerSecond: Double
    /// Number of trainable parameters.
    public var parameterCount: Int
}
