import ArgumentParser
import Foundation
import MeanField
import Pipeline
import Training

/// `criticality train`: trains one MLP or CNN of 002 §4.1 and reports its accuracy.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one network (MLP or CNN of paper 002 §4.1) and report train/test accuracy.",
        discussion: """
        Weights are drawn from the seed; the same seed on the same machine with the same
        --threads gives the same weights and accuracy bit for bit. Each batch is split between
        the threads (data parallel, single-threaded BLAS in each, whatever
        OPENBLAS_NUM_THREADS says). Train accuracy is measured on
        the first 10000 training images at the end, test accuracy on the full test set.
        Inputs are scaled to [0.25, 0.75] for sigmoid and to [-0.5, 0.5] otherwise.
        A diverged run (non-finite loss) stops early, is reported, and exits 0.

        Examples:
          criticality train --activation tanh --depth 20 --width 300 --sw2 1.76 --sb2 0.05
          criticality train --arch cnn --depth 8 --channels 32 --init delta-orthogonal --json
        """)

    @Option(help: "Activation: \(Activation.knownNames.joined(separator: ", ")).")
    var activation = "tanh"

    @Option(parsing: .unconditional, help: "Hidden layers (MLP, ≥ 1) or convolutions (CNN, ≥ 3).")
    var depth = 20

    @Option(parsing: .unconditional, help: "Hidden width of the MLP.")
    var width = 300

    @Option(parsing: .unconditional, help: "σ_w², the weight variance.")
    var sw2 = 1.76

    @Option(parsing: .unconditional, help: "σ_b², the bias variance.")
    var sb2 = 0.05

    @Option(name: .customLong("init"), help: "Initialisation: gaussian, orthogonal, delta-orthogonal.")
    var initialization = "gaussian"

    @Option(help: "Optimizer: sgd, momentum, rmsprop, adam.")
    var optimizer = "sgd"

    @Option(parsing: .unconditional, help: "Learning rate.")
    var lr = 1e-3

    @Option(parsing: .unconditional, help: "Batch size.")
    var batch = 256

    @Option(parsing: .unconditional, help: "Optimizer steps.")
    var steps = 180

    @Option(help: "Data set: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset = "fashion-mnist"

    @Option(help: "Folder holding the data set's files (default: the Debian location for Fashion-MNIST).")
    var dataDir: String?

    @Option(parsing: .unconditional, help: "Seed of weights and data order.")
    var seed: UInt64 = 1

    @Option(help: "Architecture: mlp or cnn.")
    var arch = "mlp"

    @Option(parsing: .unconditional, help: "Channels of the CNN.")
    var channels = 64

    @Option(parsing: .unconditional, help: "Worker threads splitting each batch (default: the active processor count).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        do {
            var config = TrainingConfiguration()
            config.architecture = try Architecture.parse(arch)
            config.activation = try Activation.parse(activation)
            config.depth = depth
            config.width = config.architecture == .cnn ? channels : width
            config.sw2 = sw2
            config.sb2 = sb2
            config.initialization = try WeightInitialization.parse(initialization)
            config.optimizer = try OptimizerKind.parse(optimizer)
            config.learningRate = lr
            config.batchSize = batch
            config.steps = steps
            config.seed = seed
            try config.validate()  // before loading 50 MB of images
            try Trainer.validate(threads: threads)
            try MemoryEstimate.training(config, threads: threads)
            let data = try Dataset.parse(dataset).load(directory: dataDir)
            let trainer = try Trainer(configuration: config, data: data, threads: threads)
            let showProgress = isatty(STDERR_FILENO) != 0
            var lastPrint = 0.0
            let result = trainer.train(progress: showProgress ? { p in
                let now = Date().timeIntervalSinceReferenceDate
                guard now - lastPrint > 0.1 || p.step == p.steps else { return }
                lastPrint = now
                let line = String(format: "\rstep %d/%d  loss %.4f  %.0f samples/s", p.step, p.steps, p.loss, p.samplesPerSecond)
                FileHandle.standardError.write(Data(line.utf8))
            } : nil)
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            if json { try printJSON(result, config: config) } else { printText(result, config: config, data: data, workers: trainer.threads) }
        } catch let error as TrainingError {
            throw CommandFailure(error)
        } catch let error as MeanFieldError {
            throw CommandFailure(error)
        } catch let error as MemoryBudgetError {
            throw CommandFailure(error)
        }
    }

    private func printText(_ result: TrainingResult, config: TrainingConfiguration, data: DataSplit, workers: Int) {
        let shape = config.architecture == .cnn ? "channels \(config.width)" : "width \(config.width)"
        print("\(config.architecture.rawValue) \(config.activation.rawValue) depth \(config.depth) \(shape) σ_w²=\(config.sw2) σ_b²=\(config.sb2) init \(config.initialization.rawValue)")
        print("\(config.optimizer.rawValue) lr \(config.learningRate) batch \(config.batchSize) steps \(result.stepsCompleted)/\(config.steps) on \(data.name) (\(data.train.count) train, \(data.test.count) test), \(result.parameterCount) parameters")
        if result.diverged {
            let at = result.divergedAtStep.map { " at step \($0)" } ?? ""
            print("DIVERGED\(at): the loss became NaN or infinite")
        }
        print(String(format: "train accuracy %.4f (first %d examples), loss %.4f", result.trainAccuracy,
                     min(config.trainEvaluationSubset, data.train.count), result.trainLoss))
        print(String(format: "test accuracy  %.4f, loss %.4f", result.testAccuracy, result.testLoss))
        print(String(format: "%.1f samples/s on %d worker thread(s), %.2f s total", result.samplesPerSecond, workers, result.seconds))
    }

    private func printJSON(_ result: TrainingResult, config: TrainingConfiguration) throws {
        let report = TrainReport(
            activation: config.activation.rawValue, depth: config.depth, width: config.width, sw2: config.sw2, sb2: config.sb2,
            initialization: config.initialization.rawValue, steps: config.steps, trainAccuracy: result.trainAccuracy,
            testAccuracy: result.testAccuracy, testLoss: result.diverged || !result.testLoss.isFinite ? nil : result.testLoss,
            samplesPerSecond: result.samplesPerSecond, seconds: result.seconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

/// The `--json` object of `criticality train`: exactly these keys; `test_loss` is null for a
/// diverged run; for a CNN `width` holds the channel count.
private struct TrainReport: Encodable {
    let activation: String
    let depth: Int
    let width: Int
    let sw2: Double
    let sb2: Double
    let initialization: String
    let steps: Int
    let trainAccuracy: Double
    let testAccuracy: Double
    let testLoss: Double?
    let samplesPerSecond: Double
    let seconds: Double

    enum CodingKeys: String, CodingKey {
        case activation, depth, width, sw2, sb2, initialization = "init", steps
        case trainAccuracy = "train_accuracy", testAccuracy = "test_accuracy", testLoss = "test_loss"
        case samplesPerSecond = "samples_per_second", seconds
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(activation, forKey: .activation)
        try c.encode(depth, forKey: .depth)
        try c.encode(width, forKey: .width)
        try c.encode(sw2, forKey: .sw2)
        try c.encode(sb2, forKey: .sb2)
        try c.encode(initialization, forKey: .initialization)
        try c.encode(steps, forKey: .steps)
        try c.encode(trainAccuracy, forKey: .trainAccuracy)
        try c.encode(testAccuracy, forKey: .testAccuracy)
        if let testLoss { try c.encode(testLoss, forKey: .testLoss) } else { try c.encodeNil(forKey: .testLoss) }
        try c.encode(samplesPerSecond, forKey: .samplesPerSecond)
        try c.encode(seconds, forKey: .seconds)
    }
}
