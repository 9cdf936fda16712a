import Foundation
import Pipeline
import Plot
import Artifacts

/// Paper 003 Fig. 1: the norm |z^l| = √(N q^l) of a signal through one deep random tanh network
/// per σ_w², layer by layer, with the mean-field prediction √(N q^l_MF) overlaid.
public struct NormTrajectoriesFigure: Stage {
    /// What the caption states.
    public typealias Parameters = CaptionParameters

    public static let kind = "figure.norm-trajectories"
    public var parameters: Parameters
    /// A ``FiniteWidthPropagation`` with one width.
    public let propagation: Artifact<FiniteWidthPropagationData>

    public init(_ parameters: Parameters, propagation: Artifact<FiniteWidthPropagationData>) {
        self.parameters = parameters
        self.propagation = propagation
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(propagation)
        let sw2 = data.sigmaW2, layers = data.layers
        let width = data.widths.last ?? 1
        let q = data.q, qt = data.qTheory
        let nW = data.widths.count, L = layers.count
        var series: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let shade = sw2.count > 1 ? Double(i) / Double(sw2.count - 1) : 0
            let colour = Color(red: 0.1 + 0.8 * shade, green: 0.2, blue: 0.9 - 0.8 * shade)
            let measured = ((i * nW + nW - 1) * L)..<((i * nW + nW - 1) * L + L)
            series.append(.series(Series(x: layers, y: q[measured].map { ($0 * width).squareRoot() }, title: Text("σ_w² = \(CaptionNumber.format(w))"),
                                         style: Style(color: colour, lineWidth: 1.5))))
            series.append(.series(Series(x: layers, y: qt[(i * L)..<((i + 1) * L)].map { ($0 * width).squareRoot() },
                                         title: i == 0 ? "mean field" : nil, style: Style(color: .black, lineWidth: 1, dash: .dashed))))
        }
        let panel = Panel(title: "|z^l| through one random tanh network per σ_w²", x: Axis(label: "layer l"),
                          y: Axis(label: "|z^l|", isLogarithmic: true), key: .outsideRight, layers: series)
        let caption = Text("""
        Norm trajectories after paper 003 Fig. 1: |z^l| = √(N q^l) of one input through a single random tanh network per σ_w² \
        (solid), against the mean-field prediction √(N q^l) from 002 Eq. 3 (dashed). In the ordered phase the norm decays to the \
        small fixed point set by σ_b²; past σ_w² = 1 it settles at a finite q*. Single networks fluctuate about the mean-field curve \
        by O(1/√N). \(parameters.protocolText). Profile: \(parameters.profile).
        """)
        return FigureArtifact(name: "norm-trajectories", figure: Figure(caption: caption, size: FigureSize(width: 900, height: 600), panels: [panel]))
    }
}
