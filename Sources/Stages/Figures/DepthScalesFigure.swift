import Foundation
import Pipeline
import Plot
import Artifacts

/// ξ_c against σ_w² for several activations at one σ_b² (002 §3.1), next to ReLU's χ₁ and the
/// semi-critical line of 000, where q^l grows linearly with depth.
public struct DepthScalesFigure: Stage {
    /// What the caption states beyond its inputs' data.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) { self.profile = profile }
    }

    public static let kind = "figure.depth-scales"
    public var parameters: Parameters
    /// One ``MeanFieldCurve`` per activation.
    public let curves: [Artifact<LabelledData>]
    /// ReLU's ``MeanFieldCurve``.
    public let relu: Artifact<LabelledData>
    /// ReLU ``LayerTrajectories`` at σ_w² = 2, one per σ_b² (each records its own).
    public let reluTrajectories: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, curves: [Artifact<LabelledData>], relu: Artifact<LabelledData>, reluTrajectories: [Artifact<LabelledData>]) {
        self.parameters = parameters
        self.curves = curves
        self.relu = relu
        self.reluTrajectories = reluTrajectories
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        var left: [Layer] = []
        var activations: [String] = []
        var biases: [String] = []
        for (index, artifact) in curves.enumerated() {
            let data = try context.read(artifact)
            let name = data.attributes["activation"] ?? "?"
            activations.append(name)
            biases.append(CaptionNumber.format(Double(data.attributes["sigma_b2"] ?? "") ?? .nan))
            left.append(.series(Series(x: try data.axis("sigma_w2").values, y: try data.variable("xi_c").values,
                                       title: Text(name), style: Style(color: SeriesColors.color(index), lineWidth: 2))))
        }
        let reluData = try context.read(relu)
        let middle: [Layer] = [
            .series(Series(x: try reluData.axis("sigma_w2").values, y: try reluData.variable("chi1").values,
                           title: "ReLU χ₁ = σ_w²/2", style: Style(color: SeriesColors.color(0), lineWidth: 2))),
            .reference(ReferenceLine(.horizontal(y: 1), title: "χ₁ = 1")),
            .reference(ReferenceLine(.vertical(x: 2), title: "σ_w² = 2", style: Style(color: .red, lineWidth: 1.5, dash: .dotted))),
        ]
        var right: [Layer] = []
        for (index, artifact) in reluTrajectories.enumerated() {
            let data = try context.read(artifact)
            right.append(.series(Series(x: try data.axis("layer").values, y: try data.variable("q").values,
                                        title: Text("σ_b² = \(CaptionNumber.format(Double(data.attributes["sigma_b2"] ?? "") ?? .nan))"),
                                        style: Style(color: SeriesColors.color(index), lineWidth: 2))))
        }
        // The curves' own σ_b² (one value when they share it, as the pipeline declares them).
        let sharedBias = Set(biases).count == 1 ? biases[0] : biases.joined(separator: ", ")
        let panels = [
            Panel(title: Text("ξ_c at σ_b² = \(sharedBias)"), x: Axis(label: "σ_w²"),
                  y: Axis(label: "ξ_c (layers)", isLogarithmic: true), key: .topRight, layers: left),
            Panel(title: "ReLU: χ₁ against σ_w²", x: Axis(label: "σ_w²"), y: Axis(label: "χ₁"), key: .topLeft, layers: middle),
            Panel(title: "ReLU at σ_w² = 2: qˡ", x: Axis(label: "layer l"), y: Axis(label: "qˡ"), key: .topLeft, layers: right),
        ]
        let caption: Text = """
        Left: correlation depth ξ_c (002 Eq. 10) against σ_w² at σ_b² = \(sharedBias) for \
        \(activations.joined(separator: ", ")); each diverges at its critical σ_w². Middle: for ReLU χ₁ = σ_w²/2 whatever \
        σ_b², so χ₁ = 1 on the line σ_w² = 2 (paper 000). Right: on that line qˡ⁺¹ = qˡ + σ_b², so q grows linearly \
        with depth unless σ_b² = 0 — the semi-critical line; only (σ_b², σ_w²) = (0, 2) is critical. Profile: \(parameters.profile).
        """
        return FigureArtifact(name: "depth-scales", figure: Figure(caption: caption, size: FigureSize(width: 1300, height: 480),
                                                                  grid: Grid(rows: 1, columns: 3), panels: panels))
    }
}
