import Artifacts
import Foundation

/// How a caption states the protocol training cells ran, from their recorded configurations:
/// optimiser, learning rate, batch, steps (in 002's epochs where they are), width or channels,
/// initialisation, seeds and data set. It reads the recorded configuration, not the trainer's
/// type, so that the figures that use it do not rerun when the trainer is edited.
public enum TrainingProtocolText {
    /// 002 §4.1's epoch: 180 steps of 256 examples.
    public static let stepsPerEpoch = 180

    /// Data sets' names as the papers write them, by the Training module's raw values (a test
    /// holds every data set to having one).
    public static let datasetNames = ["fashion-mnist": "Fashion-MNIST", "mnist": "MNIST", "cifar10": "CIFAR-10"]

    /// A data set's name as the papers write it.
    public static func datasetName(_ rawValue: String) -> String { datasetNames[rawValue] ?? rawValue }

    /// "SGD at learning rate 0.001, batch 256, 180 steps (1 epoch of 002's 180 steps), width 100,
    /// gaussian initialisation, seed 0, Fashion-MNIST (inputs scaled as 002 §4.1)".
    public static func describe(_ c: RecordedTrainingConfiguration, seeds: [UInt64], dataset: String) -> String {
        let epochs = c.steps % stepsPerEpoch == 0 && c.batchSize == 256
            ? " (\(c.steps / stepsPerEpoch) epoch\(c.steps == stepsPerEpoch ? "" : "s") of 002's 180 steps)" : ""
        let seedText = seeds.count == 1 ? "seed \(seeds[0])" : "mean of \(seeds.count) seeds"
        return "\(c.optimizer.uppercased()) at learning rate \(c.learningRate), batch \(c.batchSize), \(c.steps) steps\(epochs), " +
            "\(c.isConvolutional ? "\(c.width) channels" : "width \(c.width)"), \(c.initialization) initialisation, \(seedText), " +
            "\(datasetName(dataset)) (inputs scaled as 002 §4.1)"
    }
}
