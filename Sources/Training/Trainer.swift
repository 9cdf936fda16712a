import Foundation
import MeanField

/// Trains one network on one data split: builds and initialises the network from the
/// configuration's seed, then runs minibatch steps over a seeded shuffle of the training set.
/// All buffers (inputs, labels, logit gradients, activations, optimiser state) are allocated here,
/// once; a step allocates nothing.
///
/// Determinism: weights come from `SeededGenerator(seed, stream: 1)`, the data order from
/// stream 2; OpenBLAS's sgemm is deterministic for a fixed thread count, so a seed reproduces
/// weights and accuracies bit for bit on one machine with one `OPENBLAS_NUM_THREADS`.
public final class Trainer {
    /// The run's configuration.
    public let configuration: TrainingConfiguration
    /// The network being trained.
    public let network: Network
    private let data: DataSplit
    private let optimizer: Optimizer
    private let normalization: InputNormalization
    private let input: FloatBuffer
    private let labels: UnsafeMutablePointer<Int32>
    private let lossGradient: FloatBuffer
    private var order: [Int32]
    private var cursor: Int
    private var dataGenerator: SeededGenerator

    /// Validates the configuration (before any work), builds the network for the data's image
    /// shape and draws its weights.
    public init(configuration: TrainingConfiguration, data: DataSplit) throws {
        try configuration.validate()
        guard data.train.count > 0, data.test.count > 0 else {
            throw TrainingError.invalidConfiguration("data set '\(data.name)' has \(data.train.count) training and \(data.test.count) test images; both must be > 0")
        }
        self.configuration = configuration
        self.data = data
        let batch = configuration.batchSize
        network = Network(architecture: configuration.architecture, activation: configuration.activation,
                          depth: configuration.depth, width: configuration.width,
                          input: data.train.shape, classes: data.classes, maxBatch: batch)
        var weightGenerator = SeededGenerator(seed: configuration.seed, stream: 1)
        try network.initialize(configuration.initialization, sw2: configuration.sw2, sb2: configuration.sb2, generator: &weightGenerator)
        optimizer = Optimizer(configuration.optimizer, learningRate: Float(configuration.learningRate), count: network.parameterCount)
        normalization = InputNormalization(for: configuration.activation)
        input = FloatBuffer(count: batch * data.train.shape.count)
        labels = .allocate(capacity: batch)
        labels.initialize(repeating: 0, count: batch)
        lossGradient = FloatBuffer(count: batch * data.classes)
        order = (0..<Int32(data.train.count)).map { $0 }
        cursor = order.count  // forces a shuffle before the first batch
        dataGenerator = SeededGenerator(seed: configuration.seed, stream: 2)
    }

    deinit { labels.deallocate() }

    /// A copy of all trainable parameters (for determinism checks and saving).
    public var parameters: [Float] { network.parameters.array }

    /// Runs the configured number of steps; `progress` is called after each step on the calling thread.
    public func train(progress: ((TrainingProgress) -> Void)? = nil) -> TrainingResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let batch = configuration.batchSize, steps = configuration.steps
        var history = TrainingHistory()
        var trainingNanoseconds: UInt64 = 0
        var diverged = false, divergedAt: Int?
        var completed = 0
        var intervalLoss = 0.0, intervalCorrect = 0, intervalBatches = 0
        var lastTest: (loss: Double, accuracy: Double)?

        func record(step: Int) {
            let test = evaluate(data.test)
            lastTest = test
            let batches = max(intervalBatches, 1)
            history.append(step: step, trainLoss: intervalBatches > 0 ? intervalLoss / Double(batches) : .nan,
                           trainAccuracy: intervalBatches > 0 ? Double(intervalCorrect) / Double(batches * batch) : .nan,
                           testLoss: test.loss, testAccuracy: test.accuracy)
            intervalLoss = 0; intervalCorrect = 0; intervalBatches = 0
        }

        for step in stride(from: 1, through: steps, by: 1) {
            let stepStart = DispatchTime.now().uptimeNanoseconds
            nextBatch()
            let logits = network.forward(input: input.pointer, batch: batch)
            let (loss, correct) = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, batch: batch,
                                                                classes: data.classes, gradient: lossGradient.pointer)
            if !loss.isFinite {
                diverged = true
                divergedAt = step
                intervalLoss += loss; intervalBatches += 1; intervalCorrect += correct
                trainingNanoseconds += DispatchTime.now().uptimeNanoseconds - stepStart
                break
            }
            network.backward(input: input.pointer, lossGradient: lossGradient.pointer, batch: batch)
            optimizer.update(network.parameters.pointer, gradients: network.gradients.pointer, count: network.parameterCount)
            trainingNanoseconds += DispatchTime.now().uptimeNanoseconds - stepStart
            completed = step
            intervalLoss += loss; intervalCorrect += correct; intervalBatches += 1
            if configuration.evaluationInterval > 0, step % configuration.evaluationInterval == 0, step != steps {
                record(step: step)
            }
            if let progress {
                let seconds = Double(trainingNanoseconds) / 1e9
                progress(TrainingProgress(step: step, steps: steps, loss: loss,
                                          samplesPerSecond: seconds > 0 ? Double(step * batch) / seconds : 0))
            }
        }
        record(step: diverged ? (divergedAt ?? completed) : completed)
        let trainSubset = evaluate(data.train, limit: configuration.trainEvaluationSubset)
        let test = lastTest ?? evaluate(data.test)
        if !test.loss.isFinite || !trainSubset.loss.isFinite { diverged = true }
        let trainingSeconds = Double(trainingNanoseconds) / 1e9
        return TrainingResult(
            configuration: configuration, history: history, diverged: diverged, divergedAtStep: divergedAt,
            stepsCompleted: completed, trainAccuracy: trainSubset.accuracy, trainLoss: trainSubset.loss,
            testAccuracy: test.accuracy, testLoss: test.loss, trainingSeconds: trainingSeconds,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            samplesPerSecond: trainingSeconds > 0 ? Double(completed * batch) / trainingSeconds : 0,
            parameterCount: network.parameterCount)
    }

    /// Mean loss and accuracy of the current network on the first `limit` images of `set`
    /// (all by default), in chunks of the batch size, in order (deterministic).
    public func evaluate(_ set: ImageSet, limit: Int? = nil) -> (loss: Double, accuracy: Double) {
        let total = min(limit ?? set.count, set.count)
        var lossSum = 0.0, correct = 0
        var indices = [Int32](repeating: 0, count: configuration.batchSize)
        var start = 0
        while start < total {
            let n = min(configuration.batchSize, total - start)
            for k in 0..<n {
                indices[k] = Int32(start + k)
                labels[k] = Int32(set.labels[start + k])
            }
            indices.withUnsafeBufferPointer { normalization.gather(set, indices: UnsafeBufferPointer(rebasing: $0[0..<n]), into: input.pointer) }
            let logits = network.forward(input: input.pointer, batch: n)
            let result = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, batch: n, classes: data.classes, gradient: nil)
            lossSum += result.loss * Double(n)
            correct += result.correct
            start += n
        }
        return (lossSum / Double(total), Double(correct) / Double(total))
    }

    /// Gathers the next `batchSize` shuffled training examples; reshuffles (Fisher–Yates, data
    /// stream) at the start of each epoch, dropping an incomplete last batch.
    private func nextBatch() {
        let batch = configuration.batchSize
        if cursor + batch > order.count {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, dataGenerator.nextIndex(below: i + 1))
            }
            cursor = 0
        }
        if batch > order.count {
            // A batch larger than the training set: cycle through it.
            for k in 0..<batch { labels[k] = Int32(data.train.labels[Int(order[k % order.count])]) }
            let cycled = (0..<batch).map { order[$0 % order.count] }
            cycled.withUnsafeBufferPointer { normalization.gather(data.train, indices: $0, into: input.pointer) }
            return
        }
        for k in 0..<batch { labels[k] = Int32(data.train.labels[Int(order[cursor + k])]) }
        order.withUnsafeBufferPointer { all in
            normalization.gather(data.train, indices: UnsafeBufferPointer(rebasing: all[cursor..<(cursor + batch)]), into: input.pointer)
        }
        cursor += batch
    }
}
