import MeanField
import Testing
@testable import Training

/// The data-parallel step (``ReplicatedNetwork``): a batch split between workers must give the
/// loss, accuracy and gradient of the whole batch on one worker (up to Float32 summation order),
/// and be deterministic for a worker count.
struct ReplicatedNetworkTests {
    @Test func slicesCoverTheBatchContiguously() {
        let replicas = ReplicatedNetwork(primary: mlp(maxBatch: 8, sharing: nil), workers: 3) { mlp(maxBatch: $0, sharing: $1) }
        #expect(replicas.workers == 3)
        #expect((0..<3).map { replicas.slice($0, of: 7) } == [0..<3, 3..<5, 5..<7])
        #expect((0..<3).map { replicas.slice($0, of: 2) } == [0..<1, 1..<2, 2..<2])
        // Never more workers than examples in the largest batch.
        #expect(ReplicatedNetwork(primary: mlp(maxBatch: 2, sharing: nil), workers: 4) { mlp(maxBatch: $0, sharing: $1) }.workers == 2)
    }

    @Test(arguments: [Architecture.mlp, .cnn], [2, 3])
    func splitBatchGivesTheWholeBatchGradient(architecture: Architecture, workers: Int) {
        let batch = 7
        func build(_ maxBatch: Int, _ shared: FloatBuffer?) -> Network {
            architecture == .mlp ? mlp(maxBatch: maxBatch, sharing: shared)
                : Network(architecture: .cnn, activation: .tanh, depth: 4, width: 6,
                          input: FeatureShape(height: 8, width: 8, channels: 1), classes: 10, maxBatch: maxBatch, sharing: shared)
        }
        let one = ReplicatedNetwork(primary: build(batch, nil), workers: 1, replica: build)
        let split = ReplicatedNetwork(primary: build(batch, nil), workers: workers, replica: build)
        var generator = SeededGenerator(seed: 3)
        try? one.replicas[0].initialize(.gaussian, sw2: 1.5, sb2: 0.05, generator: &generator)
        split.replicas[0].parameters.pointer.update(from: one.replicas[0].parameters.pointer, count: one.replicas[0].parameterCount)
        let initial = one.replicas[0].parameters.array
        let inputCount = batch * one.replicas[0].inputShape.count
        let input = FloatBuffer(count: inputCount)
        for i in 0..<inputCount { input.pointer[i] = Float(generator.nextGaussian()) * 0.5 }
        let labels = (0..<batch).map { Int32($0 % 10) }
        let gradientOne = FloatBuffer(count: batch * 10), gradientSplit = FloatBuffer(count: batch * 10)
        let a = labels.withUnsafeBufferPointer { one.pass(input: input.pointer, labels: $0.baseAddress!, batch: batch, lossGradient: gradientOne.pointer) }
        let b = labels.withUnsafeBufferPointer { split.pass(input: input.pointer, labels: $0.baseAddress!, batch: batch, lossGradient: gradientSplit.pointer) }
        #expect(split.workers == workers)
        #expect(a.correct == b.correct)
        #expect(abs(a.lossSum - b.lossSum) <= 1e-6 * abs(a.lossSum))
        // The update adds the slices' gradients; with θ zeroed and plain SGD at η = 1 it leaves −g.
        func summedGradient(_ replicas: ReplicatedNetwork) -> [Float] {
            let primary = replicas.replicas[0]
            primary.parameters.fill(0)
            replicas.update(with: Optimizer(.sgd, learningRate: 1, count: primary.parameterCount))
            return primary.parameters.array.map { -$0 }
        }
        let g1 = summedGradient(one), g2 = summedGradient(split)
        let scale = g1.map { abs($0) }.max()!
        let worst = zip(g1, g2).map { abs($0 - $1) }.max()!
        #expect(scale > 0)
        #expect(worst <= 1e-5 * scale, "split gradient differs by \(worst) (largest entry \(scale))")

        // The same worker count again gives the same bits.
        let repeated = ReplicatedNetwork(primary: build(batch, nil), workers: workers, replica: build)
        initial.withUnsafeBufferPointer { repeated.replicas[0].parameters.pointer.update(from: $0.baseAddress!, count: $0.count) }
        let again = labels.withUnsafeBufferPointer { repeated.pass(input: input.pointer, labels: $0.baseAddress!, batch: batch, lossGradient: gradientSplit.pointer) }
        #expect(again.lossSum == b.lossSum)
        let same = summedGradient(repeated) == g2
        #expect(same, "the same split gave a different gradient")
    }

    @Test func twoThreadTrainingIsDeterministic() throws {
        var config = TrainingConfiguration()
        config.depth = 3
        config.width = 32
        config.optimizer = .momentum
        config.learningRate = 1e-2
        config.batchSize = 16
        config.steps = 10
        config.trainEvaluationSubset = 64
        let data = smallSplit(train: 256, test: 64)
        func run(threads: Int) throws -> ([Float], TrainingResult) {
            let trainer = try Trainer(configuration: config, data: data, threads: threads)
            #expect(trainer.threads == threads)
            let result = trainer.train()
            return (trainer.parameters, result)
        }
        let (a, ra) = try run(threads: 2), (b, rb) = try run(threads: 2), (c, _) = try run(threads: 1)
        #expect(a == b, "two runs with 2 threads gave different weights")
        #expect(ra.testLoss == rb.testLoss && ra.testAccuracy == rb.testAccuracy)
        // Against one thread only the summation order differs: 10 steps stay within Float32 noise.
        let worst = zip(a, c).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-4, "1 and 2 threads differ by \(worst)")
    }

    @Test func zeroThreadsIsRejected() {
        #expect(throws: TrainingError.self) { _ = try Trainer(configuration: TrainingConfiguration(), data: smallSplit(train: 8, test: 8), threads: 0) }
    }

    private func mlp(maxBatch: Int, sharing shared: FloatBuffer?) -> Network {
        Network(architecture: .mlp, activation: .tanh, depth: 2, width: 12,
                input: FeatureShape(height: 8, width: 8, channels: 1), classes: 10, maxBatch: maxBatch, sharing: shared)
    }
}
