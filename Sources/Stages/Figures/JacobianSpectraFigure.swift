import Foundation
import Pipeline
import Plot
import Artifacts

/// Dynamical isometry (002 §3.2): the distribution of the Jacobian's singular values, one panel
/// per network family (activation × weight ensemble), one curve per depth, as a density over
/// log₁₀ σ; the caption lists the measured mean squared singular value against χ₁^L.
public struct JacobianSpectraFigure: Stage {
    /// Panel titles and the caption's protocol.
    public struct Parameters: Codable, Hashable, Sendable {
        public var titles: [String]
        public var protocolText: String
        public var bins: Int
        public var profile: Profile
        public init(titles: [String], protocolText: String, bins: Int = 40, profile: Profile) {
            self.titles = titles
            self.protocolText = protocolText
            self.bins = bins
            self.profile = profile
        }
    }

    public static let kind = "figure.jacobian-spectra"
    public var parameters: Parameters
    public let spectra: Artifact<LabelledData>

    public init(_ parameters: Parameters, spectra: Artifact<LabelledData>) {
        self.parameters = parameters
        self.spectra = spectra
    }

    /// log₁₀ of the smallest singular value drawn apart from the others.
    static let floor = -6.0

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(spectra)
        let families = try data.axis("family").values.count, depths = try data.axis("depth").values
        let samples = try data.axis("sample").values.count
        let values = try data.variable("singular_values").values
        let ms = try data.variable("mean_squared").values, mse = try data.variable("mean_squared_stderr").values
        let predicted = try data.variable("mean_squared_predicted").values
        let logs = values.filter { $0 > 0 }.map { log10($0) }
        // Spectra reach 10⁻³⁰ and below at depth; everything under 10⁻⁶ is pooled in the first bin.
        let lo = max((logs.min() ?? -3).rounded(.down), Self.floor), hi = (logs.max() ?? 1).rounded(.up)
        let width = (hi - lo) / Double(parameters.bins)
        let centres = (0..<parameters.bins).map { lo + (Double($0) + 0.5) * width }
        let colours = [Color.blue, Color.green, Color.orange, Color.red, Color(hex: 0x9467bd)]
        var panels: [Panel] = []
        var lines: [String] = []
        for f in 0..<families {
            var layers: [Layer] = [.reference(ReferenceLine(.vertical(x: 0), title: "σ = 1", style: Style(color: .gray, lineWidth: 1, dash: .dotted)))]
            for (d, depth) in depths.enumerated() {
                let start = (f * depths.count + d) * samples
                var counts = [Double](repeating: 0, count: parameters.bins)
                for v in values[start..<(start + samples)] where v > 0 {
                    let bin = min(parameters.bins - 1, max(0, Int((log10(v) - lo) / width)))
                    counts[bin] += 1
                }
                let density = counts.map { $0 / (Double(samples) * width) }
                layers.append(.series(Series(x: centres, y: density, title: Text("L = \(Int(depth))"), style: Style(color: colours[d % colours.count], lineWidth: 2))))
                let i = f * depths.count + d
                let title = f < parameters.titles.count ? parameters.titles[f] : "family \(f)"
                lines.append("\(title), L = \(Int(depth)): ⟨σ²⟩ = \(String(format: "%.3g", ms[i])) ± \(String(format: "%.2g", mse[i])) vs χ₁^L = \(String(format: "%.3g", predicted[i]))")
            }
            panels.append(Panel(title: Text(f < parameters.titles.count ? parameters.titles[f] : "family \(f)"),
                                x: Axis(label: "log₁₀ σ (singular value)", minimum: lo, maximum: hi), y: Axis(label: "density", minimum: 0),
                                key: .topLeft, layers: layers))
        }
        let columns = 2
        let caption = Text("""
        Dynamical isometry (002 §3.2): singular values σ of the input–output Jacobian of random networks at a critical point, \
        as a density over log₁₀ σ for several depths (the leftmost bin pools every σ ≤ 10^\(Int(Self.floor))). An isometry would put all \
        the mass at σ = 1. Mean squared singular value, mean ± standard error over networks, against the mean-field χ₁^L: \
        \(lines.joined(separator: "; ")). \(parameters.protocolText). Profile: \(parameters.profile).
        """)
        return FigureArtifact(name: "jacobian-spectra", figure: Figure(caption: caption, size: FigureSize(width: 1100, height: 1000),
                                                                       grid: Grid(rows: (panels.count + columns - 1) / columns, columns: columns), panels: panels))
    }
}
