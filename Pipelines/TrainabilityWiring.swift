import MeanField
import Pipeline
import Stages
import Training
import Artifacts

/// The training protocol of the trainability figures, per profile (docs/TRAINABILITY.md gives
/// the measurements behind the default). 002 §4.1: SGD at 10⁻³, batch 256, 180 steps per epoch,
/// one epoch for Fig. 1 and five for Figs. 2–4, width 300. The default profile keeps the
/// optimiser, batch and epoch but trains width 100 (a fifth to a sixth of the cost; the columns
/// keep their order, the chaotic side fails deeper) and fewer epochs for Fig. 2 (see
/// `defaultLongerEpochs`).
struct TrainabilityProtocol {
    var width: Int
    var batch: Int
    var steps: Int
    var optimizer: OptimizerKind = .sgd
    var learningRate = 1e-3
    /// Seeds trained at every grid point (the heatmap shows their mean).
    var seeds: [UInt64] = [0]
    var architecture: Architecture = .mlp
    var initialization: WeightInitialization = .gaussian

    /// 002 §4.1's epoch: 180 steps (of 256 examples: 46,080 examples, about 3/4 of Fashion-MNIST's 60,000).
    static let stepsPerEpoch = TrainingProtocolText.stepsPerEpoch

    /// `epochs` of 002 §4.1's protocol: 1 for Fig. 1, 5 for Figs. 2–4.
    static func forProfile(_ profile: Profile, epochs: Int, seeds: Int = 1) -> TrainabilityProtocol {
        let seedList = (0..<UInt64(seeds)).map { $0 }
        return profile.pick(quick: TrainabilityProtocol(width: 16, batch: 32, steps: 40 * epochs, seeds: seedList),
                            default: TrainabilityProtocol(width: 100, batch: 256, steps: stepsPerEpoch * epochs, seeds: seedList),
                            paper: TrainabilityProtocol(width: 300, batch: 256, steps: stepsPerEpoch * epochs, seeds: seedList))
    }

    /// For captions: why the default profile's width is not 002's 300 (measured, docs/TRAINABILITY.md).
    static func widthNote(_ profile: Profile) -> String {
        profile == .default
            ? "width 100, not 002's 300: a 300-wide cell costs 5 to 6.5 times as much; at 100 every column learns less in one epoch and the chaotic side fails deeper (σ_w² = 3, depth 70: 0.37 at width 100, 0.09 at 300), so the fitted n overstates the width-300 one (docs/TRAINABILITY.md)"
            : ""
    }

    func configuration(activation: Activation, sw2: Double, sb2: Double, depth: Int, seed: UInt64) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.activation = activation
        c.sw2 = sw2
        c.sb2 = sb2
        c.depth = depth
        c.width = width
        c.batchSize = batch
        c.steps = steps
        c.optimizer = optimizer
        c.learningRate = learningRate
        c.seed = seed
        c.architecture = architecture
        c.initialization = initialization
        return c
    }
}

/// One cell of a trainability grid.
struct TrainabilityPoint: Sendable {
    var row: Double
    var sw2: Double
    var seed: UInt64
}

extension PipelineBuilder {
    /// A trainability heatmap: one cached training cell per (depth, σ_w², seed), gathered with the theory.
    func trainabilityHeatmap(_ name: String, activation: Activation, sb2: Double, sw2: [Double], depths: [Int],
                             protocol p: TrainabilityProtocol, dataset: Dataset = .fashionMNIST, dataDirectory: String? = nil) -> Artifact<TrainabilityHeatmapData> {
        let cells = trainingCells("\(name)-cells", activation: activation, sb2: sb2, sw2: sw2, depths: depths, protocol: p,
                                  dataset: dataset, dataDirectory: dataDirectory)
        return trainabilityHeatmap(name, cells: cells)
    }

    /// The training cells of a (depth, σ_w²) grid, row-major, seeds innermost; `recordEvery`
    /// steps each records its test accuracy (0: only at the end).
    func trainingCells(_ name: String, activation: Activation, sb2: Double, sw2: [Double], depths: [Int], protocol p: TrainabilityProtocol,
                       recordEvery: Int = 0, dataset: Dataset = .fashionMNIST, dataDirectory: String? = nil) -> [Artifact<TrainingCellData>] {
        let points = depths.flatMap { d in sw2.flatMap { w in p.seeds.map { TrainabilityPoint(row: Double(d), sw2: w, seed: $0) } } }
        return grid(name, over: points, label: { TrainingCellLabel.depthAndWeights($0) }) { point in
            var c = p.configuration(activation: activation, sw2: point.sw2, sb2: sb2, depth: Int(point.row), seed: point.seed)
            c.evaluationInterval = recordEvery
            return TrainingCell(.init(configuration: c, dataset: dataset, dataDirectory: dataDirectory))
        }
    }

    /// Gathers `cells` (from ``trainingCells``) into a heatmap, at their end or at `atStep` of
    /// their history; the grid's axes are the cells' own.
    func trainabilityHeatmap(_ name: String, cells: [Artifact<TrainingCellData>], atStep: Int? = nil) -> Artifact<TrainabilityHeatmapData> {
        add(name, TrainabilityHeatmap(.init(rows: .depth, atStep: atStep), cells: cells))
    }
}

extension PipelineBuilder {
    /// A trainability heatmap over (σ_b², σ_w²) at one depth (paper 000's plane).
    func trainabilityPlane(_ name: String, activation: Activation, sw2: [Double], sb2: [Double], depth: Int,
                           protocol p: TrainabilityProtocol) -> Artifact<TrainabilityHeatmapData> {
        let points = sb2.flatMap { b in sw2.flatMap { w in p.seeds.map { TrainabilityPoint(row: b, sw2: w, seed: $0) } } }
        let cells = grid("\(name)-cells", over: points, label: { TrainingCellLabel.biasAndWeights($0) }) { point in
            TrainingCell(.init(configuration: p.configuration(activation: activation, sw2: point.sw2, sb2: point.row, depth: depth, seed: point.seed)))
        }
        return add(name, TrainabilityHeatmap(.init(rows: .biasVariance), cells: cells))
    }
}

/// The pipeline `criticality trainability` runs: one heatmap over the given grid, its cells
/// keyed like the figures' cells, so a cell computed by either is reused by the other.
public func trainabilityPipeline(activation: Activation, sb2: Double, sw2: [Double], depths: [Int], width: Int, batch: Int,
                                 steps: Int, optimizer: OptimizerKind, learningRate: Double, seed: UInt64) -> PipelineDefinition {
    PipelineDefinition("trainability", summary: "trainability grid from the command line") { p in
        let protocolUsed = TrainabilityProtocol(width: width, batch: batch, steps: steps, optimizer: optimizer, learningRate: learningRate, seeds: [seed])
        _ = p.trainabilityHeatmap("heatmap", activation: activation, sb2: sb2, sw2: sw2, depths: depths, protocol: protocolUsed)
    }
}
