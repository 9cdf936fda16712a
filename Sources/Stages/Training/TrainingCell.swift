import Foundation
import Pipeline
import Synchronization
import Training
import Artifacts

/// One training run (002 §4.1): a network built from a ``TrainingConfiguration``, trained on a
/// data set, with its final train and test accuracy and loss, and its history when the
/// configuration records one. The cached unit of the trainability grids: one per (σ_w², depth).
///
/// A cell trains on one thread (the trainer holds BLAS at one thread too): cells run in parallel
/// up to `--jobs`, so threads × concurrent cells never exceed the cores, and a cell's numbers do
/// not depend on `--jobs`.
public struct TrainingCell: Stage {
    /// What to train.
    public struct Parameters: Codable, Hashable, Sendable {
        public var configuration: TrainingConfiguration
        public var dataset: Dataset
        /// Folder of the data set's files (nil: the Debian package's location).
        public var dataDirectory: String?
        public init(configuration: TrainingConfiguration, dataset: Dataset = .fashionMNIST, dataDirectory: String? = nil) {
            self.configuration = configuration
            self.dataset = dataset
            self.dataDirectory = dataDirectory
        }
    }

    public static let kind = "training.cell"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    /// Data sets read once per process and shared by the cells that run in it.
    private static let loaded = Mutex<[String: DataSplit]>([:])

    static func data(_ dataset: Dataset, directory: String?) throws -> DataSplit {
        let name = "\(dataset.rawValue)@\(directory ?? dataset.defaultDirectory)"
        if let cached = loaded.withLock({ $0[name] }) { return cached }
        let split = try dataset.load(directory: directory)
        loaded.withLock { $0[name] = split }
        return split
    }

    public func run(_ context: StageContext) throws -> LabelledData {
        let configuration = parameters.configuration
        try configuration.validate()
        let data = try Self.data(parameters.dataset, directory: parameters.dataDirectory)
        let trainer = try Trainer(configuration: configuration, data: data, threads: 1)
        let steps = max(1, configuration.steps)
        let result = trainer.train { progress in
            context.progress(Double(progress.step) / Double(steps))
        }
        var output = LabelledData(
            description: "one training run of a \(configuration.architecture.rawValue) (paper 002 section 4.1) on \(parameters.dataset.rawValue)",
            attributes: ["configuration": (try? CanonicalJSON.string(configuration)) ?? "",
                         "diverged": result.diverged ? "true" : "false"])
        output.addAxis("run", values: [0], units: "1", description: "this run")
        let scalars: [(String, Double, String)] = [
            ("test_accuracy", result.testAccuracy, "accuracy on the full test set"),
            ("test_loss", result.testLoss.isFinite ? result.testLoss : .nan, "mean cross-entropy on the test set (NaN when diverged)"),
            ("train_accuracy", result.trainAccuracy, "accuracy on the first \(configuration.trainEvaluationSubset) training examples"),
            ("train_loss", result.trainLoss.isFinite ? result.trainLoss : .nan, "mean cross-entropy on that training subset"),
            ("diverged", result.diverged ? 1 : 0, "1 when the loss became non-finite"),
        ]
        for (name, value, meaning) in scalars {
            output.addVariable(name, over: ["run"], values: [value], units: "1", description: meaning)
        }
        let history = result.history
        if history.step.count > 1 {
            output.addAxis("step", values: history.step.map(Double.init), units: "steps", description: "optimiser steps completed")
            output.addVariable("history_test_accuracy", over: ["step"], values: history.testAccuracy, units: "1", description: "test accuracy along training")
            output.addVariable("history_train_accuracy", over: ["step"], values: history.trainAccuracy, units: "1",
                               description: "mean minibatch accuracy since the previous record")
        }
        return output
    }
}
