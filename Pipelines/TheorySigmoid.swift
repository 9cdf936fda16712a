import Pipeline
import Stages

/// 002 Fig. 5 and Theorem 1: the sigmoid's χ₁ at σ_b² = 0 and the solved critical σ_w².
let sigmoidTheorem = PipelineDefinition("002-fig5-sigmoid", summary: "sigmoid χ₁ at σ_b² = 0 and Theorem 1's critical σ_w² (002 Fig. 5)") { p in
    let sw2: ParameterAxis = p.profile.pick(quick: .logarithmic(1, 1000, 20), default: .logarithmic(1, 1000, 200), paper: .logarithmic(1, 1000, 800))
    let search: ParameterAxis = p.profile.pick(quick: .linear(0, 1, 5), default: .linear(0, 10, 101), paper: .linear(0, 100, 401))
    let theorem = p.add("theorem", SigmoidSusceptibility(.init(sw2: sw2, sb2Search: search)))
    p.add("figure", SigmoidTheoremFigure(.init(profile: p.profile), theorem: theorem))
}
