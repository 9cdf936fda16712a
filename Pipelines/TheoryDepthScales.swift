import MeanField
import Pipeline
import Stages

/// 002 §3.1 and 000: ξ_c against σ_w² for four activations, ReLU's χ₁ and its semi-critical line.
let depthScales = PipelineDefinition("002-depth-scales", summary: "ξ_c against σ_w² for tanh, arctan, softsign, erf; ReLU's χ₁ and semi-critical line (002, 000)") { p in
    let sb2 = 0.05
    let sw2: ParameterAxis = p.profile.pick(quick: .linear(0.5, 4, 15), default: .linear(0.5, 4, 351), paper: .linear(0.5, 4, 1401))
    let activations: [Activation] = [.tanh, .arctan, .softsign, .erf]
    let curves = p.grid("curves", over: activations, label: { $0.parameters.activation.rawValue }) { MeanFieldCurve(.init(activation: $0, sb2: sb2, sw2: sw2)) }
    let relu = p.add("relu", MeanFieldCurve(.init(activation: .relu, sb2: sb2, sw2: .linear(0.5, 4, 36))))
    let reluSb2 = [0.0, 0.05, 0.2]
    let layers = p.profile.pick(quick: 10, default: 50, paper: 100)
    let trajectories = p.grid("relu-q", over: reluSb2, label: { "sb2=\(CaptionNumber.format($0.parameters.sb2))" }) { b in
        LayerTrajectories(.init(activation: .relu, sb2: b, sw2: [2], q0: 1, c0: 0.5, layers: layers))
    }
    p.add("figure", DepthScalesFigure(.init(profile: p.profile), curves: curves, relu: relu, reluTrajectories: trajectories))
}
