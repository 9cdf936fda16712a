import MeanField
import Pipeline
import Stages
import Training
import Artifacts

/// The training protocol of the trainability figures, per profile (docs/TRAINABILITY.md gives
/// the coarse-grid evidence for the default). 002 §4.1 is the `paper` profile: width 300,
/// batch 256, SGD at 10⁻³, 180 steps per epoch.
struct TrainabilityProtocol {
    var width: Int
    var batch: Int
    var steps: Int
    var optimizer: OptimizerKind = .sgd
    var learningRate = 1e-3
    var seed: UInt64 = 0
    var architecture: Architecture = .mlp
    var initialization: WeightInitialization = .gaussian

    /// Fig. 1's one epoch; `longer` is Figs. 2 and 4's five.
    static func forProfile(_ profile: Profile, longer: Bool = false) -> TrainabilityProtocol {
        profile.pick(quick: TrainabilityProtocol(width: 16, batch: 32, steps: 40),
                     default: TrainabilityProtocol(width: 100, batch: 128, steps: longer ? 1000 : 500),
                     paper: TrainabilityProtocol(width: 300, batch: 256, steps: longer ? 900 : 180))
    }

    /// For captions.
    func describe(dataset: String) -> String {
        "\(optimizer.rawValue.uppercased()) at learning rate \(learningRate), batch \(batch), \(steps) steps, " +
        "\(architecture == .cnn ? "\(width) channels" : "width \(width)"), \(initialization.rawValue) initialisation, seed \(seed), \(dataset) (inputs scaled as 002 §4.1)"
    }

    func configuration(activation: Activation, sw2: Double, sb2: Double, depth: Int) -> TrainingConfiguration {
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
}

extension PipelineBuilder {
    /// A trainability heatmap: one cached training cell per (depth, σ_w²), gathered with the theory.
    func trainabilityHeatmap(_ name: String, activation: Activation, sb2: Double, sw2: [Double], depths: [Int],
                             protocol p: TrainabilityProtocol, dataset: Dataset = .fashionMNIST, dataDirectory: String? = nil) -> Artifact<LabelledData> {
        let points = depths.flatMap { d in sw2.map { TrainabilityPoint(row: Double(d), sw2: $0) } }
        let cells = grid("\(name)-cells", over: points, label: { "L=\(Int($0.row)),sw2=\(CaptionNumber.format($0.sw2))" }) { point in
            TrainingCell(.init(configuration: p.configuration(activation: activation, sw2: point.sw2, sb2: sb2, depth: Int(point.row)),
                               dataset: dataset, dataDirectory: dataDirectory))
        }
        return add(name, TrainabilityHeatmap(.init(activation: activation, sb2: sb2, sw2: sw2, rows: depths.map(Double.init)), cells: cells))
    }
}

extension PipelineBuilder {
    /// A trainability heatmap over (σ_b², σ_w²) at one depth (paper 000's plane).
    func trainabilityPlane(_ name: String, activation: Activation, sw2: [Double], sb2: [Double], depth: Int,
                           protocol p: TrainabilityProtocol) -> Artifact<LabelledData> {
        let points = sb2.flatMap { b in sw2.map { TrainabilityPoint(row: b, sw2: $0) } }
        let cells = grid("\(name)-cells", over: points, label: { "sb2=\(CaptionNumber.format($0.row)),sw2=\(CaptionNumber.format($0.sw2))" }) { point in
            TrainingCell(.init(configuration: p.configuration(activation: activation, sw2: point.sw2, sb2: point.row, depth: depth)))
        }
        return add(name, TrainabilityHeatmap(.init(activation: activation, sb2: sb2.first ?? 0, sw2: sw2, rowAxis: "sigma_b2", rows: sb2), cells: cells))
    }
}

/// The pipeline `criticality trainability` runs: one heatmap over the given grid, its cells
/// keyed like the figures' cells, so a cell computed by either is reused by the other.
public func trainabilityPipeline(activation: Activation, sb2: Double, sw2: [Double], depths: [Int], width: Int, batch: Int,
                                 steps: Int, optimizer: OptimizerKind, learningRate: Double, seed: UInt64) -> PipelineDefinition {
    PipelineDefinition("trainability", summary: "trainability grid from the command line") { p in
        let protocolUsed = TrainabilityProtocol(width: width, batch: batch, steps: steps, optimizer: optimizer, learningRate: learningRate, seed: seed)
        _ = p.trainabilityHeatmap("heatmap", activation: activation, sb2: sb2, sw2: sw2, depths: depths, protocol: protocolUsed)
    }
}
