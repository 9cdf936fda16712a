import Foundation
import Pipeline
import Plot
import Artifacts

/// Finite-width networks against mean-field theory: q^l and c^l measured in the widest networks
/// next to the layer maps, for σ_w² on both sides of the transition, and the error at the last
/// layer as the width grows, with a 1/N guide.
public struct PropagationFigure: Stage {
    /// What the caption states.
    public typealias Parameters = CaptionParameters

    public static let kind = "figure.propagation"
    public var parameters: Parameters
    public let propagation: Artifact<LabelledData>

    public init(_ parameters: Parameters, propagation: Artifact<LabelledData>) {
        self.parameters = parameters
        self.propagation = propagation
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(propagation)
        let sw2 = try data.axis("sigma_w2").values, widths = try data.axis("width").values, layers = try data.axis("layer").values
        // Every panel indexes the widest network of each σ_w² row: an empty axis has none.
        for (name, axis) in [("sigma_w2", sw2), ("width", widths), ("layer", layers)] where axis.isEmpty {
            throw ParameterCheckError("the propagation data has an empty \(name) axis; give the propagation stage at least one value")
        }
        let q = try data.variable("q").values, qe = try data.variable("q_stderr").values
        let c = try data.variable("c").values, ce = try data.variable("c_stderr").values
        let qt = try data.variable("q_theory").values, ct = try data.variable("c_theory").values
        let qErr = try data.variable("q_last_error").values, cErr = try data.variable("c_last_error").values
        let L = layers.count, nW = widths.count
        let colours = [Color.blue, Color.red, Color.green, Color.orange]
        var qLayers: [Layer] = [], cLayers: [Layer] = [], eLayers: [Layer] = []
        for (i, w) in sw2.enumerated() {
            let colour = colours[i % colours.count]
            let widest = (i * nW + nW - 1) * L
            let theory = (i * L)..<((i + 1) * L)
            let measured = widest..<(widest + L)
            qLayers.append(.series(Series(x: layers, y: Array(qt[theory]), title: Text("theory σ_w² = \(CaptionNumber.format(w))"), style: Style(color: colour, lineWidth: 2))))
            qLayers.append(.errorBars(ErrorBars(x: layers, y: Array(q[measured]), error: Array(qe[measured]), style: Style(color: colour, pointType: 7, pointSize: 0.5))))
            cLayers.append(.series(Series(x: layers, y: Array(ct[theory]), title: Text("theory σ_w² = \(CaptionNumber.format(w))"), style: Style(color: colour, lineWidth: 2))))
            cLayers.append(.errorBars(ErrorBars(x: layers, y: Array(c[measured]), error: Array(ce[measured]), style: Style(color: colour, pointType: 7, pointSize: 0.5))))
            let row = (i * nW)..<((i + 1) * nW)
            eLayers.append(.series(Series(x: widths, y: Array(qErr[row]).map { abs($0) }, title: Text("|q^L − q^L_MF|, σ_w² = \(CaptionNumber.format(w))"),
                                          kind: .linesPoints, style: Style(color: colour, lineWidth: 1.5, pointType: 7, pointSize: 0.7))))
            eLayers.append(.series(Series(x: widths, y: Array(cErr[row]).map { abs($0) }, title: Text("|c^L − c^L_MF|"),
                                          kind: .linesPoints, style: Style(color: colour, lineWidth: 1.5, dash: .dashed, pointType: 5, pointSize: 0.7))))
        }
        if let first = widths.first, let scale = qErr.map({ abs($0) }).max(), scale > 0 {
            eLayers.append(.series(Series(x: widths, y: widths.map { scale * first / $0 }, title: "∝ 1/N", style: Style(color: .gray, lineWidth: 1, dash: .dotted))))
        }
        let panels = [
            Panel(title: Text("q^l, N = \(Int(widths.last ?? 0)) (points) vs mean field"), x: Axis(label: "layer l"), y: Axis(label: "q^l"), key: .topRight, layers: qLayers),
            Panel(title: Text("c^l, N = \(Int(widths.last ?? 0))"), x: Axis(label: "layer l"), y: Axis(label: "c^l"), key: .bottomRight, layers: cLayers),
            Panel(title: "last-layer deviation vs width", x: Axis(label: "width N", isLogarithmic: true), y: Axis(label: "|measured − theory|", isLogarithmic: true),
                  key: .bottomLeft, layers: eLayers),
        ]
        let caption = Text("""
        Random networks of finite width against the mean-field layer maps (002 Eqs. 3, 5–7): pairs of inputs (q⁰, c⁰) pushed through \
        Gaussian networks, q^l and c^l averaged over networks (error bars: standard errors over networks); σ_w² on both sides of the \
        transition. Right: the deviation at the last layer as N grows, against a 1/N guide; where it falls to the noise floor the \
        points scatter at the standard error. \(parameters.protocolText). Profile: \(parameters.profile).
        """)
        return FigureArtifact(name: "propagation", figure: Figure(caption: caption, size: FigureSize(width: 1500, height: 560),
                                                                 grid: Grid(rows: 1, columns: 3), panels: panels))
    }
}
