import Foundation
import Pipeline
import Plot
import Artifacts

/// The order-to-chaos phase diagram (001; 002 §3.1): ξ_c over the (σ_w², σ_b²) plane as a
/// heatmap on a log colour scale, with the critical line χ₁ = 1 drawn over it.
public struct PhaseDiagramFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: String
        public var profile: Profile
        public init(activation: String, profile: Profile) {
            self.activation = activation
            self.profile = profile
        }
    }

    public static let kind = "figure.phase-diagram"
    public var parameters: Parameters
    /// ξ_c over (sigma_b2, sigma_w2).
    public let depth: Artifact<LabelledData>
    /// sigma_w2_critical over sigma_b2.
    public let criticalLine: Artifact<LabelledData>

    public init(_ parameters: Parameters, depth: Artifact<LabelledData>, criticalLine: Artifact<LabelledData>) {
        self.parameters = parameters
        self.depth = depth
        self.criticalLine = criticalLine
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let grid = try context.read(depth)
        let line = try context.read(criticalLine)
        let sw2 = try grid.axis("sigma_w2").values, sb2 = try grid.axis("sigma_b2").values
        let xi = try grid.variable("xi_c").values
        let rows = (0..<sb2.count).map { j in Array(xi[(j * sw2.count)..<((j + 1) * sw2.count)]) }
        let finite = xi.filter { $0.isFinite && $0 > 0 }
        let range = (finite.min() ?? 1)...(finite.max() ?? 10)
        let lineX = try line.variable("sigma_w2_critical").values, lineY = try line.axis("sigma_b2").values
        let panel = Panel(
            title: "Correlation depth ξ_c of \(parameters.activation)",
            x: Axis(label: "σ_w²", minimum: sw2.first, maximum: sw2.last),
            y: Axis(label: "σ_b²", minimum: sb2.first, maximum: sb2.last),
            key: .topLeft,
            layers: [
                .heatmap(Heatmap(x: sw2, y: sb2, values: rows,
                                 colorBar: ColorBar(label: "ξ_c (layers)", isLogarithmic: true, range: range))),
                .series(Series(x: lineX, y: lineY, title: "critical line χ₁ = 1", style: Style(color: Color(hex: 0xff3030), lineWidth: 2.5))),
                .label(TextLabel("ordered (χ₁ < 1)", at: .graph(x: 0.04, y: 0.5), color: .white)),
                .label(TextLabel("chaotic (χ₁ > 1)", at: .graph(x: 0.96, y: 0.5), alignment: .right, color: .white)),
            ])
        let caption: Text = """
        Phase diagram of a deep \(parameters.activation) network (mean-field theory, papers 001 and 002 §3.1): \
        ξ_c = −1/log χ_c at the stable fixed point c* (Eq. 10) over \(sw2.count) × \(sb2.count) points; ξ_c diverges on \
        the critical line χ₁ = 1 (red), which separates the ordered phase (c* = 1) from the chaotic one (c* < 1). \
        Profile: \(parameters.profile).
        """
        let figure = Figure(caption: caption, size: FigureSize(width: 820, height: 620), panels: [panel])
        return FigureArtifact(name: "phase-diagram", figure: figure)
    }
}
