import Foundation
import Pipeline
import Plot
import Artifacts
import MeanField

/// Dynamical isometry (002 §3.2): the distribution of the Jacobian's singular values, one panel
/// per network family (activation × weight ensemble), one curve per depth, as a density over
/// log₁₀ σ; then the mean squared singular value against χ₁^L (median of means, bootstrap
/// interval) and the spectrum's spread σ₉₅/σ₅ against depth. Families, variances, width and
/// networks come from the data and the record of the stage that made it.
public struct JacobianSpectraFigure: Stage {
    /// The histogram's bins and the profile the caption names.
    public struct Parameters: Codable, Hashable, Sendable {
        public var bins: Int
        public var profile: Profile
        public init(bins: Int = 40, profile: Profile) {
            self.bins = bins
            self.profile = profile
        }
    }

    public static let kind = "figure.jacobian-spectra"
    public var parameters: Parameters
    public let spectra: Artifact<JacobianSpectraData>

    public init(_ parameters: Parameters, spectra: Artifact<JacobianSpectraData>) {
        self.parameters = parameters
        self.spectra = spectra
    }

    /// log₁₀ of the smallest singular value drawn apart from the others.
    static let floor = -6.0

    public func run(_ context: StageContext) throws -> FigureArtifact {
        typealias D = JacobianSpectraData
        let data = try context.read(spectra)
        let made = try data.provenance.recordedParameters(of: JacobianSpectra.self)
        guard made.families.count == data.families.count else {
            throw ParameterCheckError("the spectra hold \(data.families.count) families but their record names \(made.families.count); rerun the spectra stage")
        }
        let depths = data.depths, samples = data.samples.count
        let logs = data.singularValues.filter { $0 > 0 }.map { log10($0) }
        // Spectra reach 10⁻³⁰ and below at depth (and exact zeros: ReLU's Jacobian is
        // rank-deficient). Singular values under 10⁻⁶ are counted apart, as a fraction in the
        // key, so that their pile does not flatten the rest of the density.
        let lo = max((logs.min() ?? -3).rounded(.down), Self.floor), hi = (logs.max() ?? 1).rounded(.up)
        let width = (hi - lo) / Double(parameters.bins)
        let centres = (0..<parameters.bins).map { lo + (Double($0) + 0.5) * width }
        let titles = made.families.map { "\(Self.name($0.activation)), \($0.weights == .gaussian ? "Gaussian" : $0.weights.rawValue)" }
        var panels: [Panel] = []
        for f in data.families.indices {
            var layers: [Layer] = [.reference(ReferenceLine(.vertical(x: 0), title: "σ = 1", style: Style(color: .gray, lineWidth: 1, dash: .dotted)))]
            for (d, depth) in depths.enumerated() {
                var counts = [Double](repeating: 0, count: parameters.bins)
                var pooled = 0
                for v in data.spectrum(family: f, depth: d) {
                    guard v > 0, log10(v) >= lo else { pooled += 1; continue }
                    counts[min(parameters.bins - 1, Int((log10(v) - lo) / width))] += 1
                }
                let density = counts.map { $0 / (Double(samples) * width) }
                let share = Double(pooled) / Double(samples)
                let percent = share < 0.005 ? "< 1" : String(format: "%.0f", 100 * share)
                let title = pooled == 0 ? "L = \(Int(depth))" : "L = \(Int(depth)) (\(percent) % at σ < \(Self.powerOfTen(lo)))"
                layers.append(.series(Series(x: centres, y: density, title: Text(title),
                                             style: Style(color: Self.sequential(d, of: depths.count), lineWidth: 2))))
            }
            panels.append(Panel(title: Text(titles[f]), x: Axis(label: "log₁₀ σ", minimum: lo, maximum: hi), y: Axis(label: "density", minimum: 0),
                                key: .below, layers: layers))
        }
        // Families share depths: offset each family's points a little along the log axis so
        // that coinciding estimates stay visible.
        var meanLayers: [Layer] = [], spreadLayers: [Layer] = []
        let offsets = data.families.indices.map { f in pow(1.08, Double(f) - Double(data.families.count - 1) / 2) }
        for f in data.families.indices {
            let colour = Self.categorical(f)
            let rows = depths.indices.map { data.index(family: f, depth: $0) }
            let x = depths.map { $0 * offsets[f] }
            meanLayers.append(.series(Series(x: depths, y: rows.map { data.meanSquaredPredicted[$0] }, style: Style(color: colour, lineWidth: 1, dash: .dashed))))
            var segmentX: [Double] = [], segmentY: [Double] = []
            for (k, row) in rows.enumerated() {
                segmentX += [x[k], x[k], .nan]
                segmentY += [data.meanSquaredLower[row], data.meanSquaredUpper[row], .nan]
            }
            meanLayers.append(.series(Series(x: segmentX, y: segmentY, style: Style(color: colour, lineWidth: 1.5))))
            meanLayers.append(.series(Series(x: x, y: rows.map { data.meanSquared[$0] }, title: Text(titles[f]), kind: .points,
                                             style: Style(color: colour, pointType: 7, pointSize: 0.9))))
            spreadLayers.append(.series(Series(x: x, y: rows.map { data.relativeSpread[$0] }, title: Text(titles[f]),
                                               kind: .linesPoints, style: Style(color: colour, lineWidth: 1.5, pointType: 7, pointSize: 0.8))))
        }
        let depthAxis = Axis(label: Text(D.depths.label), minimum: (depths.min() ?? 1) / 1.5, maximum: (depths.max() ?? 1) * 1.5, isLogarithmic: true)
        let spanned = (data.meanSquaredLower + data.meanSquaredUpper + data.meanSquaredPredicted).filter { $0 > 0 && $0.isFinite }
        // Logarithmic only where χ₁ᴸ and the estimates span a decade (off the critical line);
        // within one, a log axis would show a single tick.
        let spansDecade = (spanned.max() ?? 1) / (spanned.min() ?? 1) > 10
        let meanAxis = Axis(label: Text(D.meanSquared.label), minimum: spanned.min().map { spansDecade ? $0 / 1.3 : 0 },
                            maximum: spanned.max().map { $0 * (spansDecade ? 1.3 : 1.1) }, isLogarithmic: spansDecade)
        panels.append(Panel(title: "⟨σ²⟩ (points, 95 % interval) vs χ₁ᴸ (dashed)", x: depthAxis, y: meanAxis,
                            key: .below, layers: meanLayers))
        panels.append(Panel(title: "spread of the spectrum (0 for an isometry)", x: depthAxis, y: Axis(label: Text(D.relativeSpread.label), isLogarithmic: true),
                            key: .below, layers: spreadLayers))

        let deepest = depths.count - 1
        let spreads = data.families.indices.map { f in
            let row = data.index(family: f, depth: deepest)
            return "\(titles[f]) \(String(format: "%.2g", data.relativeSpread[row]))"
        }
        let points = Dictionary(grouping: data.families.indices) { f in
            "\(Self.name(made.families[f].activation)) at σ_b² = \(CaptionNumber.format(data.sigmaB2[f])), σ_w² = \(CaptionNumber.format(data.sigmaW2[f])) (χ₁ = \(CaptionNumber.format(data.chi1[f])), inputs at q = \(CaptionNumber.format(data.qStar[f])))"
        }.keys.sorted()
        let caption = Text("""
        Jacobian J = ∂yᴸ/∂y⁰ of random networks started at q*, N = \(made.width), M = \(made.networks) networks per family (depths nested in each network; \(Self.seeds(made.seed, count: made.families.count)), one per family); \
        \(points.joined(separator: "; ")). Spectra: density over log₁₀ σ. \
        ⟨σ²⟩ = (1/N) tr JJᵀ: median of means over networks (⌊√M⌋ groups; a product of L factors is right-skewed), 95 % bootstrap interval, against χ₁ᴸ. \
        Claim (002 §3.2 after Pennington et al. 2017): tanh with orthogonal weights can reach isometry, Gaussian weights cannot, ReLU cannot with either. \
        Ours: the measurement; Var σ²/⟨σ²⟩² at L = \(Int(depths[deepest])): \(spreads.joined(separator: ", ")). Profile: \(parameters.profile).
        """)
        let columns = 3
        return FigureArtifact(name: "jacobian-spectra", figure: Figure(caption: caption, size: FigureSize(width: 1500, height: 1050),
                                                                       grid: Grid(rows: (panels.count + columns - 1) / columns, columns: columns), panels: panels))
    }

    /// "seed 1" or "seeds 1–4".
    static func seeds(_ first: UInt64, count: Int) -> String { count > 1 ? "seeds \(first)–\(first + UInt64(count - 1))" : "seed \(first)" }

    /// 10 to an integer power as text: "10⁻⁶".
    static func powerOfTen(_ exponent: Double) -> String {
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return "10" + String(String(Int(exponent)).map { superscripts[$0] ?? $0 })
    }

    /// The activation as the papers write it.
    static func name(_ activation: Activation) -> String { activation == .relu ? "ReLU" : activation.rawValue }

    /// The i-th of `count` ordered values (depths) on the blue → red scale.
    static func sequential(_ i: Int, of count: Int) -> Color {
        let t = count > 1 ? Double(i) / Double(count - 1) : 0
        return Color(red: 0.12 + 0.72 * t, green: 0.3 * (1 - t) + 0.15 * t, blue: 0.75 * (1 - t) + 0.16 * t)
    }

    /// Unordered families: distinguishable colours that avoid the depth scale's blue and red.
    static func categorical(_ f: Int) -> Color {
        [Color(hex: 0x2ca02c), Color(hex: 0x9467bd), Color(hex: 0xff7f0e), Color(hex: 0x8c564b), Color(hex: 0x17becf), Color(hex: 0xe377c2)][f % 6]
    }
}
