import Foundation
import Pipeline
import Plot
import Artifacts

/// Trainability heatmaps (002 Figs. 1, 2; 000 after Lee et al. 2017): test accuracy as colour
/// over σ_w² and depth, chance marked on the colour bar, diverged runs in their own colour,
/// n·ξ_c(σ_w²) overlaid for the paper's n = 4.5, Schoenholz et al.'s n = 6 and the n fitted to
/// this grid (its interval named: a bootstrap over columns, or the per-column ratios' range; with
/// several seeds, the range of the seeds' own n too), and the critical σ_w² as a vertical line.
/// One panel per heatmap; every cell reaches halfway to its neighbours and the outer cells are
/// drawn whole.
public struct TrainabilityFigure: Stage {
    /// The overlays and the caption's words; panel titles and the protocol come from the
    /// heatmaps' own data (their cells' configurations, σ_b², data set, the step read).
    public struct Parameters: Codable, Hashable, Sendable {
        /// The figure's file name.
        public var name: String
        /// What the figure reproduces, first words of the caption.
        public var what: String
        /// Why the protocol differs from the paper's, where it does (measured, in docs/); empty
        /// when it does not.
        public var deviations: String
        /// Multiples of ξ_c drawn over every panel.
        public var multiples: [Double]
        public var columns: Int
        public var profile: Profile
        public init(name: String, what: String, deviations: String = "", multiples: [Double] = [4.5, 6], columns: Int, profile: Profile) {
            self.name = name
            self.what = what
            self.deviations = deviations
            self.multiples = multiples
            self.columns = columns
            self.profile = profile
        }
    }

    public static let kind = "figure.trainability"
    public var parameters: Parameters
    public let heatmaps: [Artifact<TrainabilityHeatmapData>]

    public init(_ parameters: Parameters, heatmaps: [Artifact<TrainabilityHeatmapData>]) {
        self.parameters = parameters
        self.heatmaps = heatmaps
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        var panels: [Panel] = []
        var fits: [String] = []
        var protocols: [(title: String, text: String, atStep: Int?)] = []
        let dashes: [Dash] = [.dashed, .dotted, .dashDotted]
        // Light colours that read on viridis and on the key's white background.
        let colours = [Color(hex: 0x00e5ff), Color(hex: 0xff66ff), Color(hex: 0xdddddd)]
        for (index, artifact) in heatmaps.enumerated() {
            let data = try context.read(artifact)
            let configuration = try data.recordedConfiguration()
            let title = Self.title(data, configuration)
            protocols.append((title, TrainingProtocolText.describe(configuration, seeds: data.seeds, dataset: data.dataset), data.atStep))
            let sw2 = data.sw2
            let byDepth = data.rows == .depth
            let rows = data.rowValues
            let grid = data.testAccuracyRows
            let divergedCells = grid.joined().filter(\.isNaN).count
            var layers: [Layer] = [.heatmap(Heatmap(x: sw2, y: rows, values: grid,
                                                    colorBar: ColorBar(label: "test accuracy", range: 0...1, marks: [ColorBarMark("chance", at: 0.1)]),
                                                    missing: divergedCells > 0 ? MissingCells("diverged", color: Self.divergedColor) : nil))]
            let critical = data.criticalSw2
            if byDepth, let fit = data.fit {
                let fine = data.sw2Fine, xi = data.xiCFine
                func overlay(_ n: Double, _ label: String, _ style: Style) {
                    let points = zip(fine, xi).filter { $0.1.isFinite && n * $0.1 <= (rows.last ?? 0) * 1.5 }
                    guard points.count > 1 else { return }
                    layers.append(.series(Series(x: points.map(\.0), y: points.map { n * $0.1 }, title: Text(label), style: style)))
                }
                for (k, multiple) in parameters.multiples.enumerated() {
                    overlay(multiple, "\(CaptionNumber.format(multiple)) ξ_c", Style(color: colours[k % colours.count], lineWidth: 2.5, dash: dashes[k % dashes.count]))
                }
                let n = fit.n
                if n.isFinite {
                    overlay(n, "fit: \(String(format: "%.2f", n)) ξ_c", Style(color: Color(hex: 0xff9900), lineWidth: 2.5))
                    fits.append("\(title): \(Self.fitText(fit))")
                } else {
                    fits.append("\(title): n not fitted (\(fit.note ?? "no boundary inside the grid"))")
                }
            }
            if critical.isFinite, critical >= (sw2.first ?? 0), critical <= (sw2.last ?? 0) {
                // Over the (σ_b², σ_w²) plane the line is explained in the caption; a key there would cover cells.
                let label: Text? = byDepth ? Text("critical σ_w² = \(String(format: "%.3g", critical))") : nil
                layers.append(.reference(ReferenceLine(.vertical(x: critical), title: label,
                                                       style: Style(color: Color(hex: 0xff3030), lineWidth: 2, dash: .solid))))
            }
            // No axis range: the plot area spans the cells' outer edges, so the first and last
            // columns and rows are as wide as the others (a range at the first and last values
            // cut them in half).
            panels.append(Panel(title: Text(title),
                                x: Axis(label: "σ_w²"),
                                y: Axis(label: Text(data.rowColumn.label)),
                                key: .below, layers: layers))
        }
        let overlayText = fits.isEmpty ? "" : """
            Overlays: \(parameters.multiples.map { CaptionNumber.format($0) }.joined(separator: " and ")) ξ_c(σ_w²) (mean-field depth \
            scale, 002 Eq. 10; 4.5 is 002's multiple, 6 Schoenholz et al. 2017's), the multiple fitted to this grid (orange; boundary = \
            depth where accuracy falls halfway from the column's best to chance; least squares through the origin; its interval \
            is a 95% bootstrap over columns where at least five columns have a boundary, otherwise the min–max of the columns' \
            ratios boundary/ξ_c), and the critical σ_w² (red). 
            """
        // One protocol when every panel's cells share it (with the panels read before the end
        // named), else each panel's.
        let readEarly = protocols.compactMap { p in p.atStep.map { "; \(p.title): the same runs read at step \($0)" } }.joined()
        let protocolText = Set(protocols.map(\.text)).count <= 1
            ? (protocols.first?.text ?? "") + readEarly
            : protocols.map { "\($0.title): \($0.text)\($0.atStep.map { ", read at step \($0)" } ?? "")" }.joined(separator: "; ")
        let deviations = parameters.deviations.isEmpty ? "" : "; \(parameters.deviations)"
        let columns = max(1, min(parameters.columns, panels.count))
        let rowsOfPanels = (panels.count + columns - 1) / columns
        let caption = Text("""
        \(parameters.what) Test accuracy as colour (chance 0.1 marked on the bar; grey cells: the loss diverged for every seed). \(overlayText)\
        \(fits.isEmpty ? "" : "Fitted: " + fits.joined(separator: "; ") + ". ")Protocol: \(protocolText)\(deviations). \
        Profile: \(parameters.profile).
        """)
        let figure = Figure(caption: caption, size: FigureSize(width: 520 * columns, height: 500 * rowsOfPanels + 140),
                            grid: Grid(rows: rowsOfPanels, columns: columns), panels: panels)
        return FigureArtifact(name: parameters.name, figure: figure)
    }

    /// Diverged cells: a neutral grey, which viridis does not contain and which differs from the
    /// red critical line drawn over the cells.
    static let divergedColor = Color(hex: 0x8c8c8c)

    /// A panel's title from its data: "tanh, σ_b² = 0.05, Fashion-MNIST, 360 steps" for depth
    /// rows, "relu, depth 10, Fashion-MNIST, 180 steps" for a plane; a CNN and an initialisation
    /// other than Gaussian are named first.
    static func title(_ data: TrainabilityHeatmapData, _ configuration: RecordedTrainingConfiguration) -> String {
        var parts: [String] = []
        if configuration.isConvolutional { parts.append("CNN") }
        parts.append(data.activation)
        if configuration.initialization != RecordedTrainingConfiguration.gaussian { parts.append(configuration.initialization) }
        parts.append(data.rows == .depth ? "σ_b² = \(CaptionNumber.format(data.sb2))" : "depth \(configuration.depth)")
        parts.append(TrainingProtocolText.datasetName(data.dataset))
        parts.append("\(data.atStep ?? configuration.steps) steps")
        return parts.joined(separator: ", ")
    }

    /// "n = 6.10 [5.20, 7.00] (95% bootstrap over 7 columns); seeds' own n 5.8–6.4 (2 seeds)".
    static func fitText(_ fit: TrainabilityHeatmapData.BoundaryFit) -> String {
        let n = fit.n, low = fit.nLow, high = fit.nHigh
        let columns = fit.columnsUsed.count
        let kind = fit.intervalKind == "95% bootstrap over columns"
            ? "95% bootstrap over \(columns) columns" : "min–max of \(columns) per-column ratios"
        var text = "n = \(String(format: "%.2f", n)) [\(String(format: "%.2f", low)), \(String(format: "%.2f", high))] (\(kind))"
        let perSeed = fit.nPerSeed
        if perSeed.count > 1 {
            let finite = perSeed.filter(\.isFinite)
            text += finite.count == perSeed.count
                ? "; seeds' own n \(String(format: "%.2f", finite.min()!))–\(String(format: "%.2f", finite.max()!)) (\(perSeed.count) seeds)"
                : "; seeds' own n: \(perSeed.map { $0.isFinite ? String(format: "%.2f", $0) : "none" }.joined(separator: ", "))"
        }
        return text
    }
}
