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

    public func run(_ context: StageContext) throws -> TrainingCellData {
        let configuration = parameters.configuration
        try configuration.validate()
        let data = try Self.data(parameters.dataset, directory: parameters.dataDirectory)
        let trainer = try Trainer(configuration: configuration, data: data, threads: 1)
        let steps = max(1, configuration.steps)
        let result = trainer.train { progress in
            context.progress(Double(progress.step) / Double(steps))
        }
        let history = result.history
        // One record is no history: a curve needs at least two points.
        let recorded = history.step.count > 1
        return TrainingCellData(
            configuration: try CanonicalJSON.string(configuration), dataset: parameters.dataset.rawValue,
            testAccuracy: result.testAccuracy, testLoss: result.testLoss.isFinite ? result.testLoss : .nan,
            trainAccuracy: result.trainAccuracy, trainLoss: result.trainLoss.isFinite ? result.trainLoss : .nan, diverged: result.diverged,
            steps: recorded ? history.step.map(Double.init) : [], historyTestAccuracy: recorded ? history.testAccuracy : [],
            historyTrainAccuracy: recorded ? history.trainAccuracy : [])
    }
}
