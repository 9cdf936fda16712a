import Foundation
import MeanField
import Testing
@testable import Training

/// End-to-end training: accuracy, determinism, divergence.
struct TrainingRunTests {
    @Test(.enabled(if: fashionMNIST != nil, "needs Debian's dataset-fashion-mnist"))
    func smallMLPLearnsFashionMNIST() throws {
        var config = TrainingConfiguration()
        config.depth = 2
        config.width = 128
        config.activation = .relu
        config.sw2 = 2
        config.sb2 = 0
        config.optimizer = .adam
        config.learningRate = 2e-3
        config.batchSize = 128
        config.steps = 500
        config.evaluationInterval = 250
        let clock = ContinuousClock()
        var result: TrainingResult?
        let elapsed = try clock.measure {
            result = try Trainer(configuration: config, data: fashionMNIST!).train()
        }
        let r = try #require(result)
        print("small MLP on Fashion-MNIST: test accuracy \(r.testAccuracy), train \(r.trainAccuracy), \(elapsed) (debug build)")
        #expect(!r.diverged)
        #expect(r.testAccuracy > 0.80)
        #expect(r.history.step == [250, 500])
        #expect(r.history.testAccuracy.last == r.testAccuracy)
    }

    @Test(arguments: [Architecture.mlp, .cnn])
    func sameSeedSameWeights(architecture: Architecture) throws {
        var config = TrainingConfiguration()
        config.architecture = architecture
        config.depth = architecture == .cnn ? 3 : 3
        config.width = architecture == .cnn ? 4 : 32
        config.initialization = architecture == .cnn ? .deltaOrthogonal : .orthogonal
        config.optimizer = .momentum
        config.learningRate = 1e-2
        config.batchSize = 16
        config.steps = 10
        config.trainEvaluationSubset = 64
        let data = smallSplit(train: 256, test: 64)
        func run(seed: UInt64) throws -> ([Float], TrainingResult) {
            config.seed = seed
            let trainer = try Trainer(configuration: config, data: data)
            let result = trainer.train()
            return (trainer.parameters, result)
        }
        let (a, ra) = try run(seed: 1), (b, rb) = try run(seed: 1), (c, _) = try run(seed: 2)
        let bytesA = a.withUnsafeBytes { Array($0) }, bytesB = b.withUnsafeBytes { Array($0) }
        #expect(bytesA == bytesB, "same seed gave different weights")
        #expect(ra.testAccuracy == rb.testAccuracy && ra.testLoss == rb.testLoss)
        #expect(a != c, "different seeds gave the same weights")
    }

    @Test func hugeLearningRateDiverges() throws {
        var config = TrainingConfiguration()
        config.activation = .linear
        config.depth = 3
        config.width = 32
        config.learningRate = 1e4
        config.batchSize = 32
        config.steps = 200
        let result = try Trainer(configuration: config, data: smallSplit(train: 512, test: 128)).train()
        #expect(result.diverged)
        #expect(result.stepsCompleted < 200)
        #expect(!result.testLoss.isFinite)
    }

    @Test func progressIsReportedEveryStep() throws {
        var config = TrainingConfiguration()
        config.depth = 1; config.width = 8; config.batchSize = 8; config.steps = 5; config.trainEvaluationSubset = 16
        var steps: [Int] = []
        _ = try Trainer(configuration: config, data: smallSplit(train: 64, test: 16)).train { steps.append($0.step) }
        #expect(steps == [1, 2, 3, 4, 5])
    }

    @Test func historyEncodesSnakeCase() throws {
        var history = TrainingHistory()
        history.append(step: 1, trainLoss: 2, trainAccuracy: 0.1, testLoss: 2, testAccuracy: 0.1)
        let text = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
        for key in ["\"step\"", "\"train_loss\"", "\"train_accuracy\"", "\"test_loss\"", "\"test_accuracy\""] {
            #expect(text.contains(key))
        }
    }

    @Test func inputNormalisationFollowsThePaper() {
        #expect(InputNormalization(for: .sigmoid) == InputNormalization(for: .sigmoid))
        #expect(InputNormalization(for: .sigmoid).lower == 0.25 && InputNormalization(for: .sigmoid).upper == 0.75)
        for phi in [Activation.tanh, .relu, .erf, .selu] {
            #expect(InputNormalization(for: phi).lower == -0.5 && InputNormalization(for: phi).upper == 0.5)
        }
    }
}
