import Foundation
import Pipeline
import Plot
import Artifacts

/// q^l and c^l approaching q* and c* (002 Eqs. 3, 5–7) for several σ_w² on both sides of the
/// transition, and below them |q^l − q*| and |c^l − c*| on a log scale against the slopes −1/ξ_q
/// and −1/ξ_c that 002 Eqs. 9–10 predict. Which side of the transition each σ_w² is on, and the
/// critical σ_w², come from the trajectories' own data (χ₁ and an attribute), not from a second copy.
public struct LayerMapsFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) { self.profile = profile }
    }

    public static let kind = "figure.layer-maps"
    public var parameters: Parameters
    /// A ``LayerTrajectories`` output.
    public let trajectories: Artifact<LayerTrajectoriesData>

    public init(_ parameters: Parameters, trajectories: Artifact<LayerTrajectoriesData>) {
        self.parameters = parameters
        self.trajectories = trajectories
    }

    /// Deviations below this are rounding, not convergence: the log panels stop there.
    static let floor = 1e-13

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(trajectories)
        let sw2 = data.sw2, layers = data.layers
        let q = data.q, c = data.c
        let qStar = data.qStar, cStar = data.cStar
        let chi1 = data.chi1
        let xiQ = data.xiQ, xiC = data.xiC
        var qLayers: [Layer] = [], cLayers: [Layer] = [], qLog: [Layer] = [], cLog: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let row = (i * layers.count)..<((i + 1) * layers.count)
            let side = abs(chi1[i] - 1) < 1e-6 ? "critical" : (chi1[i] < 1 ? "ordered" : "chaotic")
            let style = Style(color: SeriesColors.color(i), lineWidth: 2)
            let fixed = Style(color: SeriesColors.color(i), lineWidth: 1, dash: .dashed)
            let title = Text("σ_w² = \(CaptionNumber.format(w)) (\(side))")
            qLayers.append(.series(Series(x: layers, y: Array(q[row]), title: title, style: style)))
            qLayers.append(.series(Series(x: [layers.first!, layers.last!], y: [qStar[i], qStar[i]], style: fixed)))
            cLayers.append(.series(Series(x: layers, y: Array(c[row]), title: title, style: style)))
            cLayers.append(.series(Series(x: [layers.first!, layers.last!], y: [cStar[i], cStar[i]], style: fixed)))
            qLog += Self.decay(layers: layers, values: Array(q[row]), limit: qStar[i], xi: xiQ[i], style: style, guide: fixed)
            cLog += Self.decay(layers: layers, values: Array(c[row]), limit: cStar[i], xi: xiC[i], style: style, guide: fixed)
        }
        let activation = data.activation
        let critical = data.criticalSw2
        let panels = [
            Panel(title: "Length: qˡ → q*", x: Axis(label: "layer l"), y: Axis(label: "qˡ"), key: .bottomRight, layers: qLayers),
            Panel(title: "Correlation: cˡ → c*", x: Axis(label: "layer l"), y: Axis(label: "cˡ"), key: .bottomLeft, layers: cLayers),
            Panel(title: "|qˡ − q*| against exp(−l/ξ_q)", x: Axis(label: "layer l"), y: Axis(label: "|qˡ − q*|", isLogarithmic: true),
                  key: .hidden, layers: qLog),
            Panel(title: "|cˡ − c*| against exp(−l/ξ_c)", x: Axis(label: "layer l"), y: Axis(label: "|cˡ − c*|", isLogarithmic: true),
                  key: .hidden, layers: cLog),
        ]
        let caption: Text = """
        Mean-field layer maps of a deep \(activation) network (002 Eqs. 3 and 5–7) from q⁰ = \(data.q0), \
        c⁰ = \(data.c0), σ_b² = \(data.sb2). Top: iterates (solid) and fixed points \
        (dashed). Bottom: the distance to the fixed point on a log scale; dashed lines have the slopes −1/ξ_q and −1/ξ_c of \
        Eqs. 9–10, drawn through each curve a quarter of the way along. c approaches c* = 1 in the ordered phase \
        (σ_w² < \(CaptionNumber.format(critical)), where χ₁ = 1) and c* < 1 in the chaotic phase, slowest near the critical \
        point, where ξ_c diverges and the approach is a power law. Profile: \(parameters.profile).
        """
        return FigureArtifact(name: "layer-maps", figure: Figure(caption: caption, size: FigureSize(width: 1100, height: 900),
                                                                grid: Grid(rows: 2, columns: 2), panels: panels))
    }

    /// |x^l − x*| above the rounding floor, and a guide with slope −1/ξ through the curve a
    /// quarter of the way to its last resolved layer (none where ξ is infinite or missing).
    static func decay(layers: [Double], values: [Double], limit: Double, xi: Double, style: Style, guide: Style) -> [Layer] {
        let deviation = values.map { abs($0 - limit) }
        let kept = deviation.indices.filter { deviation[$0] > floor && deviation[$0].isFinite }
        guard !kept.isEmpty else { return [] }
        var result: [Layer] = [.series(Series(x: kept.map { layers[$0] }, y: kept.map { deviation[$0] }, style: style))]
        if xi.isFinite, xi > 0, let last = kept.last {
            let anchor = kept[kept.count / 4]
            let end = layers[last]
            let y0 = deviation[anchor]
            result.append(.series(Series(x: [layers[anchor], end], y: [y0, y0 * Foundation.exp(-(end - layers[anchor]) / xi)], style: guide)))
        }
        return result
    }
}
