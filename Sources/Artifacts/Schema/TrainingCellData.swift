import Foundation
import Pipeline

/// One training run (002 §4.1): its final test and train accuracy and loss, whether it
/// diverged, and its history when its configuration records one, with the configuration it ran
/// (canonical JSON: the Training module's `TrainingConfiguration`, which this module does not
/// link) and the data set's name. Written by `TrainingCell`; gathered into a
/// ``TrainabilityHeatmapData`` and drawn as learning curves.
public struct TrainingCellData: LabelledSchema, Equatable {
    /// The run's configuration as canonical JSON (decode it with the Training module's type).
    public var configuration: String
    /// The data set's name (`Dataset.rawValue`).
    public var dataset: String
    public var testAccuracy: Double
    /// NaN when the run diverged.
    public var testLoss: Double
    public var trainAccuracy: Double
    public var trainLoss: Double
    /// The loss became non-finite.
    public var diverged: Bool
    /// Steps at which the history was recorded (empty without a history).
    public var steps: [Double]
    public var historyTestAccuracy: [Double]
    /// Mean minibatch accuracy since the previous record.
    public var historyTrainAccuracy: [Double]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// A run's result, as the trainer returned it.
    public init(configuration: String, dataset: String, testAccuracy: Double, testLoss: Double,
                trainAccuracy: Double, trainLoss: Double, diverged: Bool, steps: [Double] = [], historyTestAccuracy: [Double] = [],
                historyTrainAccuracy: [Double] = []) {
        self.configuration = configuration
        self.dataset = dataset
        self.testAccuracy = testAccuracy
        self.testLoss = testLoss
        self.trainAccuracy = trainAccuracy
        self.trainLoss = trainLoss
        self.diverged = diverged
        self.steps = steps
        self.historyTestAccuracy = historyTestAccuracy
        self.historyTrainAccuracy = historyTrainAccuracy
    }

    /// A one-point axis the final numbers are stored over.
    public static let run = DataColumn<TrainingCellData>(axis: "run", label: "", description: "this run")
    public static let testAccuracy = DataColumn<TrainingCellData>("test_accuracy", over: [run], label: "test accuracy", description: "accuracy on the full test set")
    public static let testLoss = DataColumn<TrainingCellData>("test_loss", over: [run], label: "test loss",
                                                              description: "mean cross-entropy on the test set (NaN when diverged)")
    /// Its description names the subset's size (the configuration's `trainEvaluationSubset`).
    public static let trainAccuracy = DataColumn<TrainingCellData>("train_accuracy", over: [run], label: "train accuracy",
                                                                   description: "accuracy on the first training examples")
    public static let trainLoss = DataColumn<TrainingCellData>("train_loss", over: [run], label: "train loss",
                                                               description: "mean cross-entropy on that training subset")
    public static let diverged = DataColumn<TrainingCellData>("diverged", over: [run], label: "diverged", description: "1 when the loss became non-finite")
    public static let step = DataColumn<TrainingCellData>(axis: "step", units: "steps", label: "step", description: "optimiser steps completed")
    public static let historyTestAccuracy = DataColumn<TrainingCellData>("history_test_accuracy", over: [step], label: "test accuracy",
                                                                         description: "test accuracy along training")
    public static let historyTrainAccuracy = DataColumn<TrainingCellData>("history_train_accuracy", over: [step], label: "train accuracy",
                                                                          description: "mean minibatch accuracy since the previous record")

    static let configurationAttribute = "configuration"
    static let divergedAttribute = "diverged"
    static let datasetAttribute = "dataset"

    public init(labelled data: LabelledData) throws {
        let hasHistory = data.axes.contains { $0.name == Self.step.name }
        self.init(configuration: try data.storedAttribute(Self.configurationAttribute), dataset: try data.storedAttribute(Self.datasetAttribute),
                  testAccuracy: try data.storedScalar(Self.testAccuracy), testLoss: try data.storedScalar(Self.testLoss),
                  trainAccuracy: try data.storedScalar(Self.trainAccuracy), trainLoss: try data.storedScalar(Self.trainLoss),
                  diverged: try data.storedScalar(Self.diverged) != 0,
                  steps: hasHistory ? try data.values(Self.step) : [],
                  historyTestAccuracy: hasHistory ? try data.values(Self.historyTestAccuracy) : [],
                  historyTrainAccuracy: hasHistory ? try data.values(Self.historyTrainAccuracy) : [])
        provenance = data.provenance
    }


    public func labelled() throws -> LabelledData {
        let recorded = try recordedConfiguration()
        var output = LabelledData(
            description: "one training run of a \(recorded.architecture) (paper 002 section 4.1) on \(dataset)",
            attributes: [Self.configurationAttribute: configuration, Self.divergedAttribute: diverged ? "true" : "false",
                         Self.datasetAttribute: dataset])
        output.add(Self.run, values: [0])
        output.add(variable: Self.testAccuracy, values: [testAccuracy])
        output.add(variable: Self.testLoss, values: [testLoss])
        output.add(variable: Self.trainAccuracy, values: [trainAccuracy],
                   describedAs: "accuracy on the first \(recorded.trainEvaluationSubset) training examples")
        output.add(variable: Self.trainLoss, values: [trainLoss])
        output.add(variable: Self.diverged, values: [diverged ? 1 : 0])
        if !steps.isEmpty {
            output.add(Self.step, values: steps)
            output.add(variable: Self.historyTestAccuracy, values: historyTestAccuracy)
            output.add(variable: Self.historyTrainAccuracy, values: historyTrainAccuracy)
        }
        return output
    }
}
