import Artifacts
import Foundation
import Pipeline
@testable import Stages
import Testing
import Training

/// Figures read a cell's configuration without linking the trainer; these hold that reading to
/// the trainer's own type, so a renamed field or raw value fails here, not in a caption.
@Suite("a recorded training configuration reads as the trainer wrote it")
struct RecordedTrainingConfigurationTests {
    @Test("every field the figures read, from the JSON a cell records")
    func fields() throws {
        var c = TrainingConfiguration()
        c.architecture = .cnn
        c.activation = .arctan
        c.depth = 7
        c.width = 9
        c.sw2 = 1.5
        c.sb2 = 0.125
        c.initialization = .deltaOrthogonal
        c.optimizer = .adam
        c.learningRate = 0.25
        c.batchSize = 33
        c.steps = 41
        c.seed = 5
        c.evaluationInterval = 3
        c.trainEvaluationSubset = 77
        let recorded = try RecordedTrainingConfiguration(recorded: CanonicalJSON.string(c))
        #expect(recorded.architecture == c.architecture.rawValue && recorded.isConvolutional)
        #expect(recorded.activation == c.activation.rawValue && recorded.depth == 7 && recorded.width == 9)
        #expect(recorded.sw2 == 1.5 && recorded.sb2 == 0.125 && recorded.seed == 5 && recorded.steps == 41 && recorded.batchSize == 33)
        #expect(recorded.initialization == c.initialization.rawValue && recorded.optimizer == c.optimizer.rawValue)
        #expect(recorded.learningRate == 0.25 && recorded.evaluationInterval == 3 && recorded.trainEvaluationSubset == 77)
        #expect(RecordedTrainingConfiguration.gaussian == WeightInitialization.gaussian.rawValue)
        #expect(RecordedTrainingConfiguration.convolutional == Architecture.cnn.rawValue)
        // A caption names every data set as the papers do.
        #expect(Dataset.allCases.allSatisfy { TrainingProtocolText.datasetNames[$0.rawValue] != nil })
    }

    @Test("a configuration that does not decode is a clear error naming the fix")
    func broken() {
        #expect { try RecordedTrainingConfiguration(recorded: "{\"depth\": 3}") } throws: { error in
            "\(error)".contains("does not decode") && "\(error)".contains("rerun the cell")
        }
    }
}
