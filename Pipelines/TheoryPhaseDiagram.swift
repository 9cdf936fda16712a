import MeanField
import Pipeline
import Stages

/// 001 (and 002 §3.1): the order-to-chaos phase diagram of tanh — ξ_c over (σ_w², σ_b²), one
/// cached row per σ_b² (a grid), gathered into a heatmap, with the critical line over it.
let phaseDiagram = PipelineDefinition("001-phase-diagram", summary: "tanh phase diagram: ξ_c over (σ_w², σ_b²) with the critical line (001, 002 §3.1)") { p in
    let sw2: ParameterAxis = p.profile.pick(quick: .linear(0.5, 4, 15), default: .linear(0.5, 4, 141), paper: .linear(0.5, 4, 351))
    let sb2: ParameterAxis = p.profile.pick(quick: .linear(0, 0.3, 4), default: .linear(0, 0.3, 31), paper: .linear(0, 0.3, 151))
    let rows = p.grid("rows", over: sb2.values, label: { "sb2=\(CaptionNumber.format($0.parameters.sb2))" }) { b in
        MeanFieldCurve(.init(activation: .tanh, sb2: b, sw2: sw2))
    }
    // The gather reads each row's σ_b² from the row, not from this axis a second time.
    let heatmap = p.add("xi-c", GatherRows(rows: rows))
    // The line on an axis of its own, dense near σ_b² = 0 where σ_w²_c − 1 grows like σ_b^(2/3):
    // on the heatmap's rows it was a 31-point polyline with a false kink at the origin.
    let lineAxis: ParameterAxis = p.profile.pick(quick: .cubic(0, 0.3, 21), default: .cubic(0, 0.3, 201), paper: .cubic(0, 0.3, 401))
    let line = p.add("critical-line", CriticalLineCurve(.init(activation: .tanh, sb2: lineAxis)))
    p.add("figure", PhaseDiagramFigure(.init(profile: p.profile), depth: heatmap, criticalLine: line))
}
