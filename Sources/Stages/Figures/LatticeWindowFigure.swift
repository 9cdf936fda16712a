import Foundation
import Pipeline
import Plot
import Artifacts

/// 003 Fig. 7: norm trajectories of linear lattice networks with the transient and the analysis
/// window (shaded by its boundary line) and the saddle point r* for each σ_w².
public struct LatticeWindowFigure: Stage {
    /// What the caption states.
    public typealias Parameters = CaptionParameters

    public static let kind = "figure.lattice-window"
    public var parameters: Parameters
    public let trajectories: Artifact<LabelledData>

    public init(_ parameters: Parameters, trajectories: Artifact<LabelledData>) {
        self.parameters = parameters
        self.trajectories = trajectories
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(trajectories)
        let sw2 = try data.axis("sigma_w2").values, layers = try data.axis("layer").values
        let networks = try data.axis("network").values.count
        let norm = try data.variable("norm").values, rStar = try data.variable("norm_predicted").values
        let windowStart = Double(data.attributes["window_start"] ?? "") ?? (layers.last ?? 0) / 2
        let colours = [Color.blue, Color.red, Color.green, Color.orange]
        var series: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let colour = colours[i % colours.count]
            for m in 0..<networks {
                let start = (i * networks + m) * layers.count
                series.append(.series(Series(x: layers, y: Array(norm[start..<(start + layers.count)]),
                                             title: m == 0 ? Text("σ_w² = \(CaptionNumber.format(w))") : nil, style: Style(color: colour, lineWidth: 0.8))))
            }
            series.append(.reference(ReferenceLine(.horizontal(y: rStar[i]), title: i == 0 ? "r* (Eq. 13)" : nil,
                                                   style: Style(color: .black, lineWidth: 1.5, dash: .dashed))))
        }
        series.append(.reference(ReferenceLine(.vertical(x: windowStart), title: "analysis window starts", style: Style(color: .gray, lineWidth: 2, dash: .dotted))))
        let panel = Panel(title: "linear lattice networks: transient and analysis window (003 Fig. 7)", x: Axis(label: "layer l", minimum: 0, maximum: layers.last),
                          y: Axis(label: "|z^l|", isLogarithmic: true), key: .outsideRight, layers: series)
        let caption = Text("""
        Norm trajectories of linear lattice networks (paper 003 Fig. 7): |z^l| from a random input (|z⁰| ≈ √N) through fresh random \
        layers; after a transient of a few times −1/log σ_w² layers the norm fluctuates about the saddle point r* (dashed). Statistics \
        of the other lattice figures are averaged over the analysis window to the right of the dotted line. \(parameters.protocolText). \
        Profile: \(parameters.profile).
        """)
        return FigureArtifact(name: "lattice-window", figure: Figure(caption: caption, size: FigureSize(width: 1000, height: 560), panels: [panel]))
    }
}
