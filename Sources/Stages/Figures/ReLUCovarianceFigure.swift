import Foundation
import Pipeline
import Plot
import Simulation
import Artifacts

/// 003 Fig. 6: the Fourier-space covariance Σ(q) of the ReLU lattice fluctuations, one panel per
/// entry of the 3×3 Hermitian matrix over (ε̃₊, ε̃₋, ε̃_k): on and above the diagonal the real
/// part, below it the imaginary part of the mirrored entry. Per σ_w², measured bands (points with
/// standard errors), the inverse of 003 Eq. 22 (dashed) and this project's leading-order
/// covariance (thin solid); the caption gives the gap to each in standard errors.
public struct ReLUCovarianceFigure: Stage {
    /// The profile the caption names; everything else it states comes from the input.
    public typealias Parameters = Profile

    public static let kind = "figure.relu-covariance"
    public var parameters: Parameters
    public let covariance: Artifact<ReLULatticeCovarianceData>

    public init(_ parameters: Parameters, covariance: Artifact<ReLULatticeCovarianceData>) {
        self.parameters = parameters
        self.covariance = covariance
    }

    /// The component a grid cell shows: Re Σ_ab on and above the diagonal, Im Σ_ba below it.
    static func component(row: FluctuationField, column: FluctuationField) -> FluctuationComponent {
        row.rawValue <= column.rawValue
            ? FluctuationComponent(row: row, column: column, part: .real)
            : FluctuationComponent(row: column, column: row, part: .imaginary)
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(covariance)
        let sw2 = data.sw2, q = data.q
        // A logarithmic q axis: the long-wavelength modes, where the variances grow as σ_w² → 2,
        // would otherwise be squeezed into the first few points.
        let lowest = (q.first ?? 0.01) * 0.9
        var panels: [Panel] = []
        for row in FluctuationField.allCases {
            for column in FluctuationField.allCases {
                let component = Self.component(row: row, column: column)
                let entry = data[component.schemaEntry]
                var layers: [Layer] = []
                if row != column { layers.append(.reference(ReferenceLine(.horizontal(y: 0), style: Style(color: .gray, lineWidth: 1, dash: .dotted)))) }
                for (i, w) in sw2.enumerated() {
                    let colour = SeriesColors.color(i)
                    let first = row == .plus && column == .plus
                    let legend = row == .plus && column == .minus && i == 0
                    layers.append(.series(Series(x: q, y: Array(data.row(entry.paper, at: i)), title: legend ? "inverse of Eq. 22 (003)" : nil,
                                                 style: Style(color: colour, lineWidth: 1.5, dash: .dashed))))
                    layers.append(.series(Series(x: q, y: Array(data.row(entry.leading, at: i)), title: legend ? "leading order (ours)" : nil,
                                                 style: Style(color: colour, lineWidth: 1))))
                    layers.append(.errorBars(ErrorBars(x: q, y: Array(data.row(entry.measured, at: i)), error: Array(data.row(entry.stderr, at: i)),
                                                       title: first ? Text("σ_w² = \(CaptionNumber.format(w))") : nil,
                                                       style: Style(color: colour, pointType: 7, pointSize: 0.5))))
                }
                // Diagonal entries are variances (positive, spanning decades near σ_w² = 2).
                panels.append(Panel(title: Text(component.label), x: Axis(label: "q", minimum: lowest, maximum: Double.pi, isLogarithmic: true),
                                    y: Axis(label: row == column ? "variance" : "covariance", isLogarithmic: row == column),
                                    key: .topRight, layers: layers))
            }
        }
        func number(_ value: Double) -> String { String(format: "%.2g", value) }
        let kkMeasured = data[.kk].measured, kkPaper = data[.kk].paper
        let kk = (measured: kkMeasured.reduce(0, +) / Double(kkMeasured.count), paper: kkPaper.reduce(0, +) / Double(kkPaper.count))
        let opposite = zip(data[.pkReal].measured, data[.pkReal].paper).filter { $0.0 * $0.1 < 0 }.count
        let caption = Text("""
        Fourier-space covariance of the fluctuations of the stochastic ReLU network (003 Fig. 6) in the paper's coordinates \
        ε̃± = √(2(1 − σ_w²/2)/σ_b²)(r± − r*), ε̃_k = (k − N/2)/√N; on and above the diagonal Re Σ, below it Im Σ of the mirrored entry. \
        Points: measured (cross-periodograms of the analysis window, bands of modes, mean ± standard error over networks). Dashed: the \
        inverse of 003 Eq. 22. Thin solid: our leading-order covariance of the layer resampling (z^l = s_l g, (a, b, κ) noise of \
        covariance C, AR(1) with ρ = σ_w²/2; see docs). Gap, median |measured − theory| in standard errors: Eq. 22 \
        \(number(data.medianGapPaper)), ours \(number(data.medianGapLeading)); points within 3 standard errors: Eq. 22 \
        \(number(data.withinThreePaper)), ours \(number(data.withinThreeLeading)). Σ_kk averaged over bands and σ_w²: measured \
        \(String(format: "%.3f", kk.measured)), Eq. 22 \(String(format: "%.3f", kk.paper)) (k is binomial given the layer before: 1/4). \
        Re Σ₊k has the opposite sign to Eq. 22's in \(opposite) of \(sw2.count * q.count) bands. \(data.latticeProtocol.text), \
        bands of \(data.modesPerBin) modes. Profile: \(parameters).
        """)
        return FigureArtifact(name: "relu-covariance", figure: Figure(caption: caption, size: FigureSize(width: 1300, height: 1100),
                                                                      grid: Grid(rows: 3, columns: 3), panels: panels))
    }
}
