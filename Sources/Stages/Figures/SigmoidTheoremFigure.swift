import Foundation
import Pipeline
import Plot
import Artifacts

/// 002 Fig. 5 and Theorem 1: the sigmoid's χ₁ against σ_w² at σ_b² = 0 on a log axis, the line
/// χ₁ = 1, and the solved critical point marked; beside it the critical σ_w² against σ_b² (the
/// theorem's "for any σ_b²").
public struct SigmoidTheoremFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) { self.profile = profile }
    }

    public static let kind = "figure.sigmoid-theorem"
    public var parameters: Parameters
    /// A ``SigmoidSusceptibility`` output.
    public let theorem: Artifact<SigmoidTheoremData>

    public init(_ parameters: Parameters, theorem: Artifact<SigmoidTheoremData>) {
        self.parameters = parameters
        self.theorem = theorem
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(theorem)
        let sw2Star = data.theoremSw2
        let qStar = data.theoremQStar
        let minimum = data.minimumCriticalSw2
        let minimumAt = data.minimumAtSb2
        let panel = Panel(
            title: "Sigmoid at σ_b² = 0",
            x: Axis(label: "σ_w²", isLogarithmic: true), y: Axis(label: "χ₁", isLogarithmic: true), key: .topLeft,
            layers: [
                .series(Series(x: data.sw2, y: data.chi1, title: "χ₁ (Eq. 8)",
                               style: Style(color: SeriesColors.color(0), lineWidth: 2))),
                .reference(ReferenceLine(.horizontal(y: 1), title: "χ₁ = 1")),
                .reference(ReferenceLine(.vertical(x: sw2Star), title: Text("σ_w² = \(String(format: "%.2f", sw2Star))"),
                                         style: Style(color: .red, lineWidth: 1.5, dash: .dotted))),
                .series(Series(x: [sw2Star], y: [1], title: nil, kind: .points, style: Style(color: .red, pointType: 7, pointSize: 1.5))),
                .label(TextLabel(Text("σ_w² = \(String(format: "%.4f", sw2Star)), σ_w = \(String(format: "%.4f", sw2Star.squareRoot())), q* = \(String(format: "%.3f", qStar))"),
                                 at: .graph(x: 0.04, y: 0.78))),
            ])
        let line = Panel(
            title: "Critical line of the sigmoid",
            x: Axis(label: "σ_b²"), y: Axis(label: "critical σ_w² (χ₁ = 1)", minimum: 95), key: .topLeft,
            layers: [
                .series(Series(x: data.sb2, y: data.criticalSw2,
                               title: "σ_w² where χ₁ = 1", style: Style(color: SeriesColors.color(0), lineWidth: 2))),
                .reference(ReferenceLine(.horizontal(y: 100), title: "Theorem 1: σ_w² ≳ 100",
                                         style: Style(color: .red, lineWidth: 1.5, dash: .dotted))),
                .series(Series(x: [minimumAt], y: [minimum], title: "smallest", kind: .points,
                               style: Style(color: .red, pointType: 7, pointSize: 1.5))),
            ])
        let caption: Text = """
        Theorem 1 of paper 002: for the sigmoid, χ₁ = 1 at σ_b² = 0 requires σ_w² = \(String(format: "%.4f", sw2Star)) \
        (σ_w = \(String(format: "%.4f", sw2Star.squareRoot())), q* = \(String(format: "%.3f", qStar))), solved from \
        q* = σ_w² E[σ(√q* z)²] with χ₁ = 1. The paper's "σ_w ≈ 103.05" is this σ_w², not σ_w. The smallest critical \
        σ_w² found over the σ_b² searched (right) is \(String(format: "%.4f", minimum)) at σ_b² = \(CaptionNumber.format(minimumAt)): \
        the critical σ_w² grows with σ_b², so the bound holds for every σ_b² ≥ 0, the theorem's second half. Profile: \(parameters.profile).
        """
        return FigureArtifact(name: "sigmoid-theorem", figure: Figure(caption: caption, size: FigureSize(width: 1300, height: 560), grid: Grid(rows: 1, columns: 2), panels: [panel, line]))
    }
}
