import MeanField
import Pipeline
import Stages

/// 002 Eqs. 3, 5–7: q^l and c^l converging to q* and c* for σ_w² on both sides of tanh's
/// transition at σ_b² = 0.05. The critical σ_w² (≈ 1.76095) is solved from χ₁ = 1 (Eq. 8) here,
/// not typed in, so the middle curve sits on the edge of chaos to the solver's precision.
let layerMaps = PipelineDefinition("002-layer-maps", summary: "q^l and c^l converging to q*, c* on both sides of the transition (002 Eqs. 3, 5–7)") { p in
    let layers = p.profile.pick(quick: 20, default: 60, paper: 200)
    let sb2 = 0.05
    let critical = (try? CriticalLine.point(activation: .tanh, biasVariance: sb2).weightVariance) ?? .nan
    let trajectories = p.add("trajectories", LayerTrajectories(.init(activation: .tanh, sb2: sb2, sw2: [1.0, 1.5, critical, 2.5, 4.0],
                                                                      q0: 3, c0: 0.3, layers: layers)))
    p.add("figure", LayerMapsFigure(.init(profile: p.profile), trajectories: trajectories))
}
