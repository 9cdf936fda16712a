/// Accuracy and loss over a run, one entry per record (every ``TrainingConfiguration/evaluationInterval``
/// steps and at the last step). `trainLoss`/`trainAccuracy` are means over the minibatches
/// trained since the previous record (free to measure); `testLoss`/`testAccuracy` are measured
/// on the full test set. Encoded with snake_case keys (`train_loss`, …).
public struct TrainingHistory: Sendable, Codable, Equatable {
    /// Optimiser steps completed at each record.
    public var step: [Int] = []
    /// Mean minibatch loss since the previous record.
    public var trainLoss: [Double] = []
    /// Mean minibatch accuracy since the previous record.
    public var trainAccuracy: [Double] = []
    /// Test-set loss.
    public var testLoss: [Double] = []
    /// Test-set accuracy.
    public var testAccuracy: [Double] = []

    /// An empty history.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case step, trainLoss = "train_loss", trainAccuracy = "train_accuracy", testLoss = "test_loss", testAccuracy = "test_accuracy"
    }

    mutating func append(step: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double) {
        self.step.append(step)
        self.trainLoss.append(trainLoss)
        self.trainAccuracy.append(trainAccuracy)
        self.testLoss.append(testLoss)
        self.testAccuracy.append(testAccuracy)
    }
}
