import Foundation
import Pipeline
import Plot
import Artifacts

/// 003 Fig. 7: norm trajectories of linear lattice networks with the transient and the analysis
/// window (shaded by its boundary line) and the saddle point r* for each σ_w².
public struct LatticeWindowFigure: Stage {
    /// The profile the caption names; everything else it states comes from the input.
    public typealias Parameters = Profile

    public static let kind = "figure.lattice-window"
    public var parameters: Parameters
    public let trajectories: Artifact<LatticeTrajectoriesData>

    public init(_ parameters: Parameters, trajectories: Artifact<LatticeTrajectoriesData>) {
        self.parameters = parameters
        self.trajectories = trajectories
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(trajectories)
        let sw2 = data.sw2, layers = data.layers, rStar = data.normPredicted
        let colours = [Color.blue, Color.red, Color.green, Color.orange]
        var series: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let colour = colours[i % colours.count]
            for m in 0..<data.networks {
                series.append(.series(Series(x: layers, y: Array(data.trajectory(sw2: i, network: m)),
                                             title: m == 0 ? Text("σ_w² = \(CaptionNumber.format(w))") : nil, style: Style(color: colour, lineWidth: 0.8))))
            }
            series.append(.reference(ReferenceLine(.horizontal(y: rStar[i]), title: i == 0 ? "r* (Eq. 13)" : nil,
                                                   style: Style(color: .black, lineWidth: 1.5, dash: .dashed))))
        }
        for (i, end) in data.transientEnd.enumerated() where end.isFinite {
            series.append(.reference(ReferenceLine(.vertical(x: end), title: i == 0 ? "transient ends (mean within one bulk spread)" : nil,
                                                   style: Style(color: colours[i % colours.count], lineWidth: 1.5, dash: .dashed))))
        }
        series.append(.reference(ReferenceLine(.vertical(x: Double(data.windowStart)), title: "analysis window starts", style: Style(color: .gray, lineWidth: 2, dash: .dotted))))
        let ends = sw2.indices.map { i in
            "layer \(CaptionNumber.format(data.transientEnd[i])) at σ_w² = \(CaptionNumber.format(sw2[i])) (mean field: \(CaptionNumber.format(data.transientEndPredicted[i])))"
        }.joined(separator: ", ")
        let panel = Panel(title: "linear lattice networks: transient and analysis window (003 Fig. 7)", x: Axis(label: "layer l", minimum: 0, maximum: layers.last),
                          y: Axis(label: "|z^l|", isLogarithmic: true), key: .outsideRight, layers: series)
        let caption = Text("""
        Norm trajectories of linear lattice networks (paper 003 Fig. 7): |z^l| from a random input (|z⁰| ≈ √N) through fresh random \
        layers; after a transient of a few times −1/log σ_w² layers the norm fluctuates about the saddle point r* (dashed). The transient \
        ends (the networks' mean norm within one bulk spread of the window's mean; coloured dashes) at \(ends); 003 reads "around 100 \
        layers" off its plot (docs/LATTICE.md). Statistics \
        of the other lattice figures are averaged over the analysis window to the right of the dotted line. \(data.networks) networks \
        per σ_w², \(data.latticeProtocol.text). Profile: \(parameters).
        """)
        return FigureArtifact(name: "lattice-window", figure: Figure(caption: caption, size: FigureSize(width: 1000, height: 560), panels: [panel]))
    }
}
