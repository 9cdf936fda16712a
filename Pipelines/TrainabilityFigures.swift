import Foundation
import MeanField
import Pipeline
import Stages
import Training
import Artifacts

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

/// 002 Fig. 2: tanh at σ_b² = 0.05 after the longer training, with n·ξ_c. Left Fashion-MNIST;
/// right CIFAR-10 when CRITICALITY_CIFAR10 names a folder with its binary batches (a parameter of
/// the right panel's cells, so its key says which data it saw), otherwise the same grid at Fig. 1's
/// shorter training, showing how the boundary moves with training time. The caption says which.
let trainabilityFigure2 = PipelineDefinition("002-fig2-trainability", summary: "tanh trainability: Fashion-MNIST, and CIFAR-10 or shorter training (002 Fig. 2)") { p in
    let longer = TrainabilityProtocol.forProfile(p.profile, longer: true)
    let shorter = TrainabilityProtocol.forProfile(p.profile)
    let depths: [Int] = p.profile.pick(quick: [2, 4, 8], default: [10, 20, 40, 70, 100], paper: Array(stride(from: 10, through: 300, by: 10)))
    let sw2: [Double] = p.profile.pick(quick: [1, 1.76, 3], default: [1.0, 1.5, 2.0, 2.5, 3.0, 4.0], paper: ParameterAxis.linear(1, 4, 31).values)
    let long = p.trainabilityHeatmap("tanh-long", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: longer)
    let cifar = ProcessInfo.processInfo.environment["CRITICALITY_CIFAR10"].flatMap { $0.isEmpty ? nil : $0 }
    let right: Artifact<LabelledData>
    let rightTitle: String, rightText: String
    if let cifar {
        right = p.trainabilityHeatmap("tanh-cifar10", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: longer,
                                      dataset: .cifar10, dataDirectory: cifar)
        rightTitle = "tanh, CIFAR-10, \(longer.steps) steps"
        rightText = "right: CIFAR-10 from \(cifar), same protocol"
    } else {
        right = p.trainabilityHeatmap("tanh-short", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: shorter)
        rightTitle = "tanh, Fashion-MNIST, \(shorter.steps) steps"
        rightText = "right: CIFAR-10 is not installed (set CRITICALITY_CIFAR10 to its folder), so the same grid after the shorter training, showing how the boundary moves with training time"
    }
    p.add("figure", TrainabilityFigure(.init(
        name: "fig2-trainability",
        titles: ["tanh, Fashion-MNIST, \(longer.steps) steps", rightTitle],
        what: "Trainability of deep tanh networks (σ_b² = 0.05) after 002 Fig. 2: left Fashion-MNIST after the longer training; \(rightText).",
        protocolText: longer.describe(dataset: "Fashion-MNIST") + (cifar == nil ? "; right the same with \(shorter.steps) steps" : "; right the same on CIFAR-10"),
        columns: 2, profile: p.profile), heatmaps: [long, right]))
}

/// 002 Fig. 3: learning curves at depth 40, σ_w² = 2 (tanh, σ_b² = 0.05), Gaussian against
/// orthogonal initialisation, fully connected (left) and convolutional (right; Delta-Orthogonal).
let learningCurvesFigure3 = PipelineDefinition("002-fig3-learning-curves", summary: "learning curves at depth 40, Gaussian vs orthogonal, MLP and CNN (002 Fig. 3)") { p in
    let depth = p.profile.pick(quick: 6, default: 40, paper: 40)
    let mlp = TrainabilityProtocol.forProfile(p.profile, longer: true)
    let cnnSteps = p.profile.pick(quick: 20, default: 400, paper: 900)
    let cnnChannels = p.profile.pick(quick: 4, default: 8, paper: 64)
    let records = 8
    let mlpRuns = p.grid("mlp", over: [WeightInitialization.gaussian, .orthogonal], label: { $0.rawValue }) { initialisation in
        var c = mlp.configuration(activation: .tanh, sw2: 2, sb2: 0.05, depth: depth)
        c.initialization = initialisation
        c.evaluationInterval = max(1, mlp.steps / records)
        return TrainingCell(.init(configuration: c))
    }
    let cnnRuns = p.grid("cnn", over: [WeightInitialization.gaussian, .deltaOrthogonal], label: { $0.rawValue }) { initialisation in
        var c = mlp.configuration(activation: .tanh, sw2: 2, sb2: 0.05, depth: depth)
        c.architecture = .cnn
        c.width = cnnChannels
        c.batchSize = 64
        c.steps = cnnSteps
        c.initialization = initialisation
        c.evaluationInterval = max(1, cnnSteps / 4)
        return TrainingCell(.init(configuration: c))
    }
    p.add("figure", LearningCurvesFigure(.init(
        panelTitles: ["fully connected, depth \(depth)", "convolutional, depth \(depth), \(cnnChannels) channels"],
        runLabels: ["Gaussian", "orthogonal"], runsPerPanel: 2, stepsPerEpoch: 180,
        protocolText: "MLP: " + mlp.describe(dataset: "Fashion-MNIST") + "; CNN (002 §4.1 architecture): \(cnnChannels) channels, batch 64, \(cnnSteps) steps, Delta-Orthogonal for the orthogonal run; an epoch on the x axis is 180 steps, as in 002 §4.1",
        profile: p.profile), runs: mlpRuns + cnnRuns))
}

/// Paper 000 (after Lee et al. 2017): ReLU networks' test accuracy over (σ_w², σ_b²) at a shallow
/// and a deep depth, with the semi-critical line σ_w² = 2 and the critical point (0, 2).
let reluPlane = PipelineDefinition("000-relu-trainability", summary: "ReLU trainability over (σ_w², σ_b²), shallow vs deep, with the critical point (000)") { p in
    let protocolUsed = TrainabilityProtocol.forProfile(p.profile)
    let sw2: [Double] = p.profile.pick(quick: [1, 2, 3], default: [1.0, 1.5, 1.8, 2.0, 2.2, 2.5, 3.0], paper: ParameterAxis.linear(0.5, 4, 36).values)
    let sb2: [Double] = p.profile.pick(quick: [0, 0.5], default: [0, 0.05, 0.2, 0.5, 1.0], paper: ParameterAxis.linear(0, 2, 21).values)
    let depths: [Int] = p.profile.pick(quick: [2, 6], default: [10, 50], paper: [10, 100])
    let maps = depths.map { depth in
        p.trainabilityPlane("depth-\(depth)", activation: .relu, sw2: sw2, sb2: sb2, depth: depth, protocol: protocolUsed)
    }
    p.add("figure", TrainabilityFigure(.init(
        name: "relu-plane",
        titles: depths.map { "ReLU, depth \($0)" },
        what: "Trainability of ReLU networks over the (σ_w², σ_b²) plane at a shallow and a deep depth (paper 000, after Lee et al. 2017): the critical point is (σ_b², σ_w²) = (0, 2) and σ_w² = 2 is the semi-critical line (red); the trainable region should narrow onto it with depth.",
        protocolText: protocolUsed.describe(dataset: "Fashion-MNIST"), multiples: [], columns: 2, profile: p.profile), heatmaps: maps))
}

/// 002 Fig. 4: the convolutional network of §4.1 (tanh, Delta-Orthogonal initialisation), its
/// trainability over (σ_w², depth) with n·ξ_c overlaid. ξ_c is the CNN mean field's zero-mode
/// depth scale, which equals the fully connected ξ_c (002 Eqs. 20–22 at α = α′ = 0).
let trainabilityFigure4 = PipelineDefinition("002-fig4-cnn-trainability", summary: "CNN trainability with Delta-Orthogonal initialisation and n·ξ_c (002 Fig. 4)") { p in
    var cnn = p.profile.pick(quick: TrainabilityProtocol(width: 4, batch: 16, steps: 10),
                             default: TrainabilityProtocol(width: 8, batch: 64, steps: 300),
                             paper: TrainabilityProtocol(width: 64, batch: 256, steps: 900))
    cnn.architecture = .cnn
    cnn.initialization = .deltaOrthogonal
    let depths: [Int] = p.profile.pick(quick: [3, 5], default: [4, 8, 16, 32], paper: Array(stride(from: 10, through: 200, by: 10)))
    let sw2: [Double] = p.profile.pick(quick: [1, 2], default: [1.0, 1.5, 2.0, 3.0], paper: ParameterAxis.linear(1, 4, 31).values)
    let map = p.trainabilityHeatmap("tanh", activation: .tanh, sb2: 0.05, sw2: sw2, depths: depths, protocol: cnn)
    p.add("figure", TrainabilityFigure(.init(
        name: "fig4-cnn-trainability", titles: ["CNN, tanh, Delta-Orthogonal"],
        what: "Trainability of the convolutional network of 002 §4.1 (3×3 lift, two stride-2 layers, depth − 3 stride-1 layers, global average pooling) after 002 Fig. 4; ξ_c is the CNN mean field's zero mode, equal to the fully connected ξ_c.",
        protocolText: cnn.describe(dataset: "Fashion-MNIST"), columns: 1, profile: p.profile), heatmaps: [map]))
}
