/// What the progress callback receives after every optimiser step.
public struct TrainingProgress: Sendable {
    /// Steps completed.
    public var step: Int
    /// Steps requested.
    public var steps: Int
    /// Loss of the last minibatch.
    public var loss: Double
    /// Training throughput so far (examples per second, evaluations excluded).
    public var samplesPerSecond: Double
}
