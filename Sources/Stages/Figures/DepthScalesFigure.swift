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
    public let curves: [Artifact<MeanFieldCurveData>]
    /// ReLU's ``MeanFieldCurve``.
    public let relu: Artifact<MeanFieldCurveData>
    /// ReLU ``LayerTrajectories`` on its semi-critical line, one per σ_b² (each records its own σ_b² and σ_w²).
    public let reluTrajectories: [Artifact<LayerTrajectoriesData>]

    public init(_ parameters: Parameters, curves: [Artifact<MeanFieldCurveData>], relu: Artifact<MeanFieldCurveData>, reluTrajectories: [Artifact<LayerTrajectoriesData>]) {
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
            let name = data.activation
            activations.append(name)
            biases.append(CaptionNumber.format(data.sb2))
            left.append(.series(Series(x: data.sw2, y: data.xiC,
                                       title: Text(name), style: Style(color: SeriesColors.color(index), lineWidth: 2))))
        }
        let reluData = try context.read(relu)
        var right: [Layer] = []
        var lineWeights = Set<Double>()
        for (index, artifact) in reluTrajectories.enumerated() {
            let data = try context.read(artifact)
            lineWeights.formUnion(data.sw2)
            right.append(.series(Series(x: data.layers, y: data.trajectory(data.q, at: 0),
                                        title: Text("σ_b² = \(CaptionNumber.format(data.sb2))"),
                                        style: Style(color: SeriesColors.color(index), lineWidth: 2))))
        }
        // The σ_w² the trajectories were run at (the semi-critical line, 2, as the pipeline declares them).
        let lineWeight = lineWeights.sorted().map { CaptionNumber.format($0) }.joined(separator: ", ")
        var middle: [Layer] = [
            .series(Series(x: reluData.sw2, y: reluData.chi1,
                           title: "ReLU χ₁ = σ_w²/2", style: Style(color: SeriesColors.color(0), lineWidth: 2))),
            .reference(ReferenceLine(.horizontal(y: 1), title: "χ₁ = 1")),
        ]
        for w in lineWeights.sorted() {
            middle.append(.reference(ReferenceLine(.vertical(x: w), title: Text("σ_w² = \(CaptionNumber.format(w))"),
                                                   style: Style(color: .red, lineWidth: 1.5, dash: .dotted))))
        }
        // The curves' own σ_b² (one value when they share it, as the pipeline declares them).
        let sharedBias = Set(biases).count == 1 ? biases[0] : biases.joined(separator: ", ")
        let panels = [
            Panel(title: Text("ξ_c at σ_b² = \(sharedBias)"), x: Axis(label: "σ_w²"),
                  y: Axis(label: "ξ_c (layers)", isLogarithmic: true), key: .topRight, layers: left),
            Panel(title: "ReLU: χ₁ against σ_w²", x: Axis(label: "σ_w²"), y: Axis(label: "χ₁"), key: .topLeft, layers: middle),
            Panel(title: Text("ReLU at σ_w² = \(lineWeight): qˡ"), x: Axis(label: "layer l"), y: Axis(label: "qˡ"), key: .topLeft, layers: right),
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
