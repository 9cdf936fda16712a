import MeanField
import Pipeline
import Stages
import Training

/// 002 Fig. 1: trainability of arctan and softsign (σ_b² = 0.05), ReLU (σ_b² = 2.01e-5) and
/// sigmoid (σ_b² = 0.09) over (σ_w², depth), one epoch of training, with n·ξ_c overlaid.
let trainabilityFigure1 = PipelineDefinition("002-fig1-trainability", summary: "trainability heatmaps of arctan, softsign, ReLU, sigmoid with n·ξ_c (002 Fig. 1)") { p in
    let protocolUsed = TrainabilityProtocol.forProfile(p.profile)
    let depths: [Int] = p.profile.pick(quick: [2, 4, 8], default: [10, 20, 40, 70, 100], paper: Array(stride(from: 10, through: 300, by: 10)))
    func axis(_ quick: [Double], _ standard: [Double], _ paper: ParameterAxis) -> [Double] {
        p.profile.pick(quick: quick, default: standard, paper: paper.values)
    }
    let panels: [(Activation, Double, [Double])] = [
        (.arctan, 0.05, axis([1, 1.8, 3], [1.0, 1.5, 2.0, 2.5, 3.0, 4.0], .linear(1, 4, 31))),
        (.softsign, 0.05, axis([1.5, 3.1, 5], [1.5, 2.5, 3.0, 3.5, 4.5, 6.0], .linear(1, 6, 26))),
        (.relu, 2.01e-5, axis([1, 2, 2.4], [1.0, 1.4, 1.8, 2.0, 2.2, 2.6], .linear(1, 3, 21))),
        (.sigmoid, 0.09, axis([25, 100, 250], [25, 50, 75, 100, 150, 250], .linear(10, 300, 30))),
    ]
    let maps = panels.map { activation, sb2, sw2 in
        p.trainabilityHeatmap(activation.rawValue, activation: activation, sb2: sb2, sw2: sw2, depths: depths, protocol: protocolUsed)
    }
    p.add("figure", TrainabilityFigure(.init(
        name: "fig1-trainability",
        titles: panels.map { "\($0.0.rawValue), σ_b² = \(CaptionNumber.format($0.1))" },
        what: "Trainability of deep fully connected networks on Fashion-MNIST after one training run per cell (after 002 Fig. 1).",
        protocolText: protocolUsed.describe(dataset: "Fashion-MNIST"), columns: 2, profile: p.profile), heatmaps: maps))
}

/// 002 Fig. 2 (left): tanh at σ_b² = 0.05 after the longer training, with n·ξ_c. CIFAR-10 is
/// not on this machine, so the right panel is the same grid at Fig. 1's shorter training: how the
/// boundary moves with training time.
let trainabilityFigure2 = PipelineDefinition("002-fig2-trainability", summary: "tanh trainability after longer and shorter training, with n·ξ_c (002 Fig. 2)") { p in
    let longer = TrainabilityProtocol.forProfile(p.profile, longer: true)
    let shorter = TrainabilityProtocol.forProfile(p.profile)
    let depths: [Int] = p.profile.pick(quick: [2, 4, 8], default: [10, 20, 40, 70, 100], paper: Array(stride(from: 10, through: 300, by: 10)))
    let sw2: [Double] = p.profile.pick(quick: [1, 1.76, 3], default: [1.0, 1.5, 2.0, 2.5, 3.0, 4.0], paper: ParameterAxis.linear(1, 4, 31).values)
    let long = p.trainabilityHeatmap("tanh-long", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: longer)
    let short = p.trainabilityHeatmap("tanh-short", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: shorter)
    p.add("figure", TrainabilityFigure(.init(
        name: "fig2-trainability",
        titles: ["tanh, \(longer.steps) steps", "tanh, \(shorter.steps) steps"],
        what: "Trainability of deep tanh networks (σ_b² = 0.05) on Fashion-MNIST after 002 Fig. 2: left the longer training, right the shorter one (CIFAR-10 is not installed here, so the right panel shows how the boundary moves with training time instead).",
        protocolText: "left " + longer.describe(dataset: "Fashion-MNIST") + "; right the same with \(shorter.steps) steps",
        columns: 2, profile: p.profile), heatmaps: [long, short]))
}
