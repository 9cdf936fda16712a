import Pipeline
import Pipelines
import Stages
import Training

/// The default profile's fully connected training cells, read from the pipelines' own graph
/// (002 Figs. 1–3, 000's ReLU plane), so the benchmark trains what `make figures` trains and
/// cannot drift from it.
struct DefaultTrainingCells {
    /// The pipelines whose MLP cells `make figures` trains on Fashion-MNIST.
    static let pipelineNames = ["002-fig1-trainability", "002-fig2-trainability", "002-fig3-learning-curves", "000-relu-trainability"]

    /// One cell: its stage name and configuration.
    struct Cell {
        let name: String
        let configuration: TrainingConfiguration
        var pipeline: String { String(name.prefix { $0 != "/" }) }
    }

    /// Every such cell, in declaration order. The CNN cells of Fig. 3 are left out: the peer
    /// has no convolutions.
    let all: [Cell]

    init() throws {
        let graph = try StageGraph(allPipelines().filter { Self.pipelineNames.contains($0.name) }, profile: .default)
        all = graph.stages(of: TrainingCell.self)
            .filter { $0.stage.parameters.configuration.architecture == .mlp && $0.stage.parameters.dataset == .fashionMNIST }
            .map { Cell(name: $0.name, configuration: $0.stage.parameters.configuration) }
    }

    /// `count` cells spread evenly over the declaration order (every (all/count)-th, from the
    /// middle of each stride), so depths, σ_w², activations and pipelines enter in proportion.
    func sample(_ count: Int) -> [Cell] {
        guard count < all.count else { return all }
        return (0..<count).map { all[Int((Double($0) + 0.5) * Double(all.count) / Double(count))] }
    }

    /// Cells per pipeline, in the order of ``pipelineNames``.
    var countsByPipeline: [(pipeline: String, cells: Int)] {
        Self.pipelineNames.map { name in (name, all.filter { $0.pipeline == name }.count) }
    }
}

extension TrainingConfiguration {
    /// Floating-point operations of the cell's GEMMs: each step's forward pass, weight gradients
    /// and input gradients (none for the input layer), and the forward passes of its evaluations
    /// (every record on the test set, the end on the test set and on the training subset).
    func gemmFlops(inputs: Int, classes: Int, testImages: Int) -> Double {
        let first = Double(inputs * width), hidden = Double((depth - 1) * width * width), last = Double(width * classes)
        let forward = first + hidden + last
        let step = 2 * Double(batchSize) * (forward + forward + (forward - first))
        let records = evaluationInterval > 0 ? steps / evaluationInterval - (steps % evaluationInterval == 0 ? 1 : 0) : 0
        let evaluated = Double((records + 1) * testImages + trainEvaluationSubset)
        return Double(steps) * step + 2 * forward * evaluated
    }
}
