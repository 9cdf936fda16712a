import BLASThreads
import Foundation
import MeanField

/// Trains one network on one data split: builds and initialises the network from the
/// configuration's seed, then runs minibatch steps over a seeded shuffle of the training set.
/// All buffers (inputs, labels, logit gradients, activations, optimiser state) are allocated here,
/// once; a step allocates no buffers (a parallel pass allocates only its closure's small context).
///
/// Steps and evaluations run data-parallel on `threads` workers (``ReplicatedNetwork``), each
/// with single-threaded BLAS (OpenBLAS is held at one thread while the trainer runs and restored
/// after); with one thread the whole batch runs on the calling thread.
///
/// Determinism: weights come from `SeededGenerator(seed, stream: 1)`, the data order from
/// stream 2; single-threaded sgemm is deterministic and the workers' gradients are added in a
/// fixed order, so a seed reproduces weights and accuracies bit for bit on one machine with the
/// same `threads`, whatever `OPENBLAS_NUM_THREADS` says.
public final class Trainer {
    /// The run's configuration.
    public let configuration: TrainingConfiguration
    /// The network being trained.
    public let network: Network
    /// Worker threads of a step (1: the calling thread only).
    public let threads: Int
    private let data: DataSplit
    private let replicas: ReplicatedNetwork
    private let optimizer: Optimizer
    private let normalization: InputNormalization
    private let input: FloatBuffer
    private let labels: UnsafeMutablePointer<Int32>
    private let lossGradient: FloatBuffer
    private var order: [Int32]
    private var cursor: Int
    private var dataGenerator: SeededGenerator

    /// Validates the configuration (before any work), builds the network for the data's image
    /// shape and draws its weights. `threads` (≥ 1) workers split each batch.
    public init(configuration: TrainingConfiguration, data: DataSplit, threads: Int = 1) throws {
        try configuration.validate()
        try Self.validate(threads: threads)
        guard data.train.count > 0, data.test.count > 0 else {
            throw TrainingError.invalidConfiguration("data set '\(data.name)' has \(data.train.count) training and \(data.test.count) test images; both must be > 0")
        }
        self.configuration = configuration
        self.data = data
        let batch = configuration.batchSize
        func build(maxBatch: Int, sharing parameters: FloatBuffer?) -> Network {
            Network(architecture: configuration.architecture, activation: configuration.activation,
                    depth: configuration.depth, width: configuration.width,
                    input: data.train.shape, classes: data.classes, maxBatch: maxBatch, sharing: parameters)
        }
        let network = build(maxBatch: batch, sharing: nil)
        self.network = network
        replicas = ReplicatedNetwork(primary: network, workers: threads) { build(maxBatch: $0, sharing: $1) }
        self.threads = replicas.workers
        var weightGenerator = SeededGenerator(seed: configuration.seed, stream: 1)
        // LAPACK's QR (orthogonal initialisers) gives different last bits on different thread counts.
        try SingleThreadedBLAS.run {
            try network.initialize(configuration.initialization, sw2: configuration.sw2, sb2: configuration.sb2, generator: &weightGenerator)
        }
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

    /// Throws ``TrainingError/invalidConfiguration(_:)`` unless `threads` ≥ 1; callers that load
    /// data first (the CLI) call it before loading.
    public static func validate(threads: Int) throws {
        guard threads >= 1 else { throw TrainingError.invalidConfiguration("threads \(threads) < 1; use 1 or more worker threads") }
    }

    /// A copy of all trainable parameters (for determinism checks and saving).
    public var parameters: [Float] { network.parameters.array }

    /// Runs the configured number of steps; `progress` is called after each step on the calling thread.
    public func train(progress: ((TrainingProgress) -> Void)? = nil) -> TrainingResult {
        SingleThreadedBLAS.run { runSteps(progress: progress) }
    }

    private func runSteps(progress: ((TrainingProgress) -> Void)?) -> TrainingResult {
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
            // Forward, loss and backward in one parallel pass: with a non-finite loss the
            // gradients are computed but never applied.
            let pass = replicas.pass(input: input.pointer, labels: labels, batch: batch, lossGradient: lossGradient.pointer)
            let loss = pass.lossSum / Double(batch), correct = pass.correct
            if !loss.isFinite {
                diverged = true
                divergedAt = step
                intervalLoss += loss; intervalBatches += 1; intervalCorrect += correct
                trainingNanoseconds += DispatchTime.now().uptimeNanoseconds - stepStart
                break
            }
            replicas.update(with: optimizer)
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
        SingleThreadedBLAS.run { evaluateInOrder(set, limit: limit) }
    }

    private func evaluateInOrder(_ set: ImageSet, limit: Int?) -> (loss: Double, accuracy: Double) {
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
            let result = replicas.pass(input: input.pointer, labels: labels, batch: n, lossGradient: nil)
            lossSum += result.lossSum
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
