import Foundation

/// The configuration a training cell ran, as it recorded it (canonical JSON of the Training
/// module's `TrainingConfiguration`), read without linking the trainer: what a figure, a table
/// or a gather needs to place a cell in its grid and to state the protocol in a caption, so that
/// editing the trainer does not rerun them. Enumerations are their raw values; a test holds the
/// field names and those values to the Training module's.
public struct RecordedTrainingConfiguration: Decodable, Sendable, Equatable {
    /// `mlp` or `cnn` (``convolutional``).
    public var architecture: String
    public var activation: String
    public var depth: Int
    /// Neurons per layer, or channels of a CNN.
    public var width: Int
    public var sw2: Double
    public var sb2: Double
    /// `gaussian` (``gaussian``), `orthogonal`, `delta-orthogonal`.
    public var initialization: String
    public var optimizer: String
    public var learningRate: Double
    public var batchSize: Int
    public var steps: Int
    public var seed: UInt64
    public var evaluationInterval: Int
    public var trainEvaluationSubset: Int

    /// The architecture's raw value for the convolutional network of 002 §4.1.
    public static let convolutional = "cnn"
    /// The initialisation's raw value for i.i.d. Gaussian weights.
    public static let gaussian = "gaussian"

    /// Whether the network is the convolutional one.
    public var isConvolutional: Bool { architecture == Self.convolutional }

    /// Decodes a recorded configuration; throws, saying how to fix it, when it does not decode.
    public init(recorded json: String) throws {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
        } catch {
            throw SchemaAttributeProblem(description: "a training cell's recorded configuration does not decode (\(error)); it was written by another version: rerun the cell (criticality run)")
        }
    }
}

extension TrainingCellData {
    /// The configuration the run trained.
    public func recordedConfiguration() throws -> RecordedTrainingConfiguration {
        try RecordedTrainingConfiguration(recorded: configuration)
    }
}

extension TrainabilityHeatmapData {
    /// The configuration of one of the heatmap's cells: the protocol its grid trained.
    public func recordedConfiguration() throws -> RecordedTrainingConfiguration {
        try RecordedTrainingConfiguration(recorded: cellConfiguration)
    }
}
