import Foundation
import Pipeline
import Plot

/// q^l and c^l approaching q* and c* (002 Eqs. 3, 5–7) for several σ_w² on both sides of the
/// transition.
public struct LayerMapsFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var criticalSw2: Double
        public var profile: Profile
        public init(criticalSw2: Double, profile: Profile) {
            self.criticalSw2 = criticalSw2
            self.profile = profile
        }
    }

    public static let kind = "figure.layer-maps"
    public static let code: [CodeDependency] = [.thisFile()]
    public var parameters: Parameters
    /// A ``LayerTrajectories`` output.
    public let trajectories: Artifact<LabelledData>

    public init(_ parameters: Parameters, trajectories: Artifact<LabelledData>) {
        self.parameters = parameters
        self.trajectories = trajectories
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(trajectories)
        let sw2 = try data.axis("sigma_w2").values, layers = try data.axis("layer").values
        let q = try data.variable("q").values, c = try data.variable("c").values
        let qStar = try data.variable("q_star").values, cStar = try data.variable("c_star").values
        var qLayers: [Layer] = [], cLayers: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let row = (i * layers.count)..<((i + 1) * layers.count)
            let side = w < parameters.criticalSw2 ? "ordered" : (w > parameters.criticalSw2 ? "chaotic" : "critical")
            let style = Style(color: SeriesColors.color(i), lineWidth: 2)
            let fixed = Style(color: SeriesColors.color(i), lineWidth: 1, dash: .dashed)
            let title = Text("σ_w² = \(CaptionNumber.format(w)) (\(side))")
            qLayers.append(.series(Series(x: layers, y: Array(q[row]), title: title, style: style)))
            qLayers.append(.series(Series(x: [layers.first!, layers.last!], y: [qStar[i], qStar[i]], style: fixed)))
            cLayers.append(.series(Series(x: layers, y: Array(c[row]), title: title, style: style)))
            cLayers.append(.series(Series(x: [layers.first!, layers.last!], y: [cStar[i], cStar[i]], style: fixed)))
        }
        let activation = data.attributes["activation"] ?? "?"
        let panels = [
            Panel(title: "Length: qˡ → q*", x: Axis(label: "layer l"), y: Axis(label: "qˡ"), key: .bottomRight, layers: qLayers),
            Panel(title: "Correlation: cˡ → c*", x: Axis(label: "layer l"), y: Axis(label: "cˡ"), key: .bottomLeft, layers: cLayers),
        ]
        let caption: Text = """
        Mean-field layer maps of a deep \(activation) network (002 Eqs. 3 and 5–7): \(data.attributes["description"] ?? ""). \
        Solid: iterates; dashed: the fixed points q* and c*. q converges within a few layers (ξ_q is short); c approaches \
        c* = 1 in the ordered phase (σ_w² < \(CaptionNumber.format(parameters.criticalSw2))) and c* < 1 in the chaotic phase, \
        slowest near the critical point. Profile: \(parameters.profile).
        """
        return FigureArtifact(name: "layer-maps", figure: Figure(caption: caption, size: FigureSize(width: 1100, height: 480),
                                                                grid: Grid(rows: 1, columns: 2), panels: panels))
    }
}
