import Foundation
import Pipeline
import Plot
import Artifacts

/// Finite-width networks against mean-field theory: q^l and c^l measured in the widest networks
/// next to the layer maps, for σ_w² on both sides of the transition, and the finite-width
/// fluctuation: Var q^L across networks against N on log-log axes, with each σ_w²'s fitted power
/// law and a 1/N guide. Everything the caption states comes from the data and the record of the
/// stage that made it.
public struct PropagationFigure: Stage {
    /// What the caption states beyond its input.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) { self.profile = profile }
    }

    public static let kind = "figure.propagation"
    public var parameters: Parameters
    public let propagation: Artifact<FiniteWidthPropagationData>

    public init(_ parameters: Parameters, propagation: Artifact<FiniteWidthPropagationData>) {
        self.parameters = parameters
        self.propagation = propagation
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(propagation)
        let made = try data.provenance.recordedParameters(of: FiniteWidthPropagation.self)
        // Every panel indexes the widest network of each σ_w² row: an empty axis has none.
        for (column, axis) in [(FiniteWidthPropagationData.sigmaW2, data.sigmaW2), (FiniteWidthPropagationData.widths, data.widths),
                               (FiniteWidthPropagationData.layers, data.layers)] where axis.isEmpty {
            throw ParameterCheckError("the propagation data has an empty \(column.label) axis; give the propagation stage at least one value")
        }
        typealias D = FiniteWidthPropagationData
        let widest = data.widths.count - 1, layers = data.layers
        var qLayers: [Layer] = [], cLayers: [Layer] = [], vLayers: [Layer] = []
        var fits: [String] = []
        for (i, w) in data.sigmaW2.enumerated() {
            let colour = Self.sequential(i, of: data.sigmaW2.count)
            let name = "σ_w² = \(CaptionNumber.format(w))"
            qLayers.append(.series(Series(x: layers, y: data.slice(data.qTheory, sigmaW2: i), title: Text(name), style: Style(color: colour, lineWidth: 2))))
            qLayers.append(.errorBars(ErrorBars(x: layers, y: data.slice(data.q, sigmaW2: i, width: widest),
                                                error: data.slice(data.qStandardError, sigmaW2: i, width: widest),
                                                style: Style(color: colour, pointType: 7, pointSize: 0.5))))
            cLayers.append(.series(Series(x: layers, y: data.slice(data.cTheory, sigmaW2: i), title: Text(name), style: Style(color: colour, lineWidth: 2))))
            cLayers.append(.errorBars(ErrorBars(x: layers, y: data.slice(data.c, sigmaW2: i, width: widest),
                                                error: data.slice(data.cStandardError, sigmaW2: i, width: widest),
                                                style: Style(color: colour, pointType: 7, pointSize: 0.5))))
            let variance = data.slice(data.lastLayerQVariance, sigmaW2: i)
            vLayers.append(.errorBars(ErrorBars(x: data.widths, y: variance, error: data.slice(data.lastLayerQVarianceStandardError, sigmaW2: i),
                                                title: Text(name), style: Style(color: colour, pointType: 7, pointSize: 0.8))))
            let k = data.scaledVarianceTheory[i]
            if k.isFinite, k > 0 {
                vLayers.append(.series(Series(x: data.widths, y: data.widths.map { k / $0 }, title: i == 0 ? "order 1/N (ours)" : nil,
                                              style: Style(color: colour, lineWidth: 1.5, dash: .dotted))))
            }
            let b = data.varianceExponent[i], a = data.variancePrefactor[i]
            if b.isFinite, a.isFinite {
                vLayers.append(.series(Series(x: data.widths, y: data.widths.map { a * pow($0, b) }, title: i == 0 ? "fit A Nᵇ" : nil,
                                              style: Style(color: colour, lineWidth: 1.5))))
                fits.append("b = \(String(format: "%.2f", b)) [\(String(format: "%.2f", data.varianceExponentLower[i])), \(String(format: "%.2f", data.varianceExponentUpper[i]))] at \(name)")
            }
        }
        // The guide runs parallel to the data, a factor 3 under the lowest row, so that it is
        // compared by slope and never hides a point.
        let rows = data.sigmaW2.indices.map { data.slice(data.lastLayerQVariance, sigmaW2: $0) }
        let anchors = rows.compactMap { row in zip(data.widths, row).map { $0 * $1 }.filter(\.isFinite).min() }
        if let anchor = anchors.min(), anchor > 0, data.widths.count > 1 {
            vLayers.append(.series(Series(x: data.widths, y: data.widths.map { anchor / 3 / $0 }, title: "∝ 1/N",
                                          style: Style(color: .gray, lineWidth: 1.5, dash: .dashed))))
        }
        let n = Int(data.widths[widest])
        // Points at the first and last layer sit inside the frame; log axes span the data, not
        // whole decades around it.
        let layerAxis = Axis(label: Text(D.layers.label), minimum: (layers.first ?? 0) - 0.5, maximum: (layers.last ?? 0) + 0.5)
        let drawn = vLayers.flatMap { layer -> [Double] in
            switch layer {
            case .errorBars(let bars): zip(bars.y, bars.error).flatMap { [$0 - $1, $0 + $1] }
            case .series(let series): series.y
            default: []
            }
        }.filter { $0 > 0 && $0.isFinite }
        let widthAxis = Axis(label: Text(D.widths.label), minimum: (data.widths.min() ?? 1) / 1.3, maximum: (data.widths.max() ?? 1) * 1.3, isLogarithmic: true)
        let varianceAxis = Axis(label: Text(D.lastLayerQVariance.label), minimum: drawn.min().map { $0 / 1.5 }, maximum: drawn.max().map { $0 * 1.5 },
                                isLogarithmic: true)
        let panels = [
            Panel(title: Text("qˡ, N = \(n) (points) and mean field (lines)"), x: layerAxis, y: Axis(label: Text(D.q.label)), key: .below, layers: qLayers),
            Panel(title: Text("cˡ, N = \(n)"), x: layerAxis, y: Axis(label: Text(D.c.label)), key: .below, layers: cLayers),
            Panel(title: "fluctuation of qᴸ across networks", x: widthAxis, y: varianceAxis, key: .below, layers: vLayers),
        ]
        let fitText = fits.isEmpty ? "no fit (it needs two widths and two networks)" : "fits Var qᴸ = A Nᵇ (95 % intervals): " + fits.joined(separator: "; ")
        let caption = Text("""
        \(made.activation.rawValue) networks of finite width, σ_b² = \(CaptionNumber.format(made.sb2)), q⁰ = \(CaptionNumber.format(made.q0)), \
        c⁰ = \(CaptionNumber.format(made.c0)), L = \(made.depth), M = \(made.networks) networks per width (\(made.sampler.rawValue) sampler, \
        \(made.widths.count > 1 ? "seeds \(made.seed)–\(made.seed + UInt64(made.widths.count - 1)), one per width" : "seed \(made.seed)")). \
        Left, middle: mean ± SE over networks against the mean-field maps (002 Eqs. 3, 5–7). Right: Var qᴸ of one input across networks \
        (± SE from the 4th moment), weighted log-log \(fitText); dotted: our order-1/N prediction. \
        Papers': the mean field is the N → ∞ limit, and 003 (§3, Eqs. 13–14) finds O(1) fluctuations of |z| about r* ∝ √N with 1/N corrections; \
        ours: Var qᴸ measured for \(made.activation.rawValue) against N, its fitted slope and the 1/N prefactor (the map's noise through its slope). Profile: \(parameters.profile).
        """)
        return FigureArtifact(name: "propagation", figure: Figure(caption: caption, size: FigureSize(width: 1500, height: 640),
                                                                 grid: Grid(rows: 1, columns: 3), panels: panels))
    }

    /// The i-th of `count` ordered values on the blue → red scale.
    static func sequential(_ i: Int, of count: Int) -> Color {
        let t = count > 1 ? Double(i) / Double(count - 1) : 0
        return Color(red: 0.12 + 0.72 * t, green: 0.3 * (1 - t) + 0.15 * t, blue: 0.75 * (1 - t) + 0.16 * t)
    }
}
