import Foundation
import Pipeline
import Plot
import Artifacts

/// The order-to-chaos phase diagram (001; 002 §3.1): ξ_c over the (σ_w², σ_b²) plane as a
/// heatmap on a log colour scale, with the critical line χ₁ = 1 drawn over it.
public struct PhaseDiagramFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) {
            self.profile = profile
        }
    }

    public static let kind = "figure.phase-diagram"
    public var parameters: Parameters
    /// ξ_c over (σ_b², σ_w²).
    public let depth: Artifact<MeanFieldPlaneData>
    /// The critical σ_w² over σ_b².
    public let criticalLine: Artifact<CriticalLineData>

    public init(_ parameters: Parameters, depth: Artifact<MeanFieldPlaneData>, criticalLine: Artifact<CriticalLineData>) {
        self.parameters = parameters
        self.depth = depth
        self.criticalLine = criticalLine
    }

    /// Inputs that do not describe one network.
    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let grid = try context.read(depth)
        let line = try context.read(criticalLine)
        let sw2 = grid.sw2, sb2 = grid.sb2
        let xi = grid.xiC
        let rows = grid.xiCRows
        // The line is of the heatmap's activation, or the figure would mix two networks.
        guard line.activation == grid.activation else {
            throw Mismatch(description: "the critical line is of \(line.activation) but the heatmap of \(grid.activation); wire a line of the heatmap's activation")
        }
        let activation = grid.activation
        let finite = xi.filter { $0.isFinite && $0 > 0 }
        let range = (finite.min() ?? 1)...(finite.max() ?? 10)
        let lineX = line.criticalSw2, lineY = line.sb2
        let panel = Panel(
            title: "Correlation depth ξ_c of \(activation)",
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
        Phase diagram of a deep \(activation) network (mean-field theory, papers 001 and 002 §3.1): \
        ξ_c = −1/log χ_c at the stable fixed point c* (Eq. 10) over \(sw2.count) × \(sb2.count) points; ξ_c diverges on \
        the critical line χ₁ = 1 (red), which separates the ordered phase (c* = 1) from the chaotic one (c* < 1). \
        Profile: \(parameters.profile).
        """
        let figure = Figure(caption: caption, size: FigureSize(width: 820, height: 620), panels: [panel])
        return FigureArtifact(name: "phase-diagram", figure: figure)
    }
}
