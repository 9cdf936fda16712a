import Artifacts
import Foundation
import Pipeline
import Plot

/// A figure of panels laid out in rows × columns (curves, histograms, heatmaps with overlays)
/// whose every number, label and unit comes from its inputs: the general figure type, declared
/// in a pipeline file in a few lines. Its parameters are plain values (the panels' columns,
/// drawings and templates), so editing a figure in a pipeline file changes its key, not code.
///
/// The caption and title are ``TextTemplate``s filled from the inputs. Long captions are written
/// whole to the caption file; the image shows at most four lines (Plot's presentation rules).
///
/// ```swift
/// p.add("fig9", PanelFigure(name: "fig9-mode-statistics", caption: "Statistics of ε_q over {networks} networks, N = {width}.",
///                           panels: [.curves([PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.variance,
///                                                           error: LatticeModesData.varianceStderr)], logY: true)],
///                           profile: p.profile))
/// ```
public struct PanelFigure: Stage {
    public struct Parameters: Codable, Hashable, Sendable {
        /// The file stem of the script, PNG, PDF and caption.
        public var name: String
        /// Title over the panels (a template); nil for none.
        public var title: String?
        /// What the figure shows (a template).
        public var caption: String
        /// Panels per row.
        public var columns: Int
        /// The panels, row by row.
        public var panels: [PanelSpec]
        /// The profile, named at the caption's end; nil to leave it out.
        public var profile: Profile?
    }

    public static let kind = "figure.panels"
    public var parameters: Parameters
    /// Every input the panels read, each once, in order of first use.
    public let inputs: [any FigureSource]

    /// A figure of `panels`, `columns` to a row (default: all in one row, at most three).
    public init(name: String, title: String? = nil, caption: String, columns: Int? = nil, panels: [FigurePanel], profile: Profile? = nil) {
        var inputs: [any FigureSource] = []
        var specs: [PanelSpec] = []
        for panel in panels {
            let numbers = panel.sources.map { source -> Int in
                if let known = inputs.firstIndex(where: { $0.identity == source.identity }) { return known }
                inputs.append(source)
                return inputs.count - 1
            }
            specs.append(panel.spec.numbered(numbers))
        }
        self.inputs = inputs
        self.parameters = Parameters(name: name, title: title, caption: caption, columns: columns ?? min(max(panels.count, 1), 3),
                                     panels: specs, profile: profile)
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        guard parameters.columns >= 1 else { throw SeriesError("\(parameters.name): columns must be at least 1 (got \(parameters.columns))") }
        guard !parameters.panels.isEmpty else { throw SeriesError("\(parameters.name): a figure needs at least one panel") }
        let data = try inputs.map { try $0.labelled(in: context) }
        let drawing = PanelDrawing(inputs: data)
        let panels = try parameters.panels.map { try drawing.panel($0) }
        var caption = try TextTemplate.fill(parameters.caption, from: data)
        if let profile = parameters.profile { caption += " Profile: \(profile)." }
        let columns = parameters.columns
        let rows = (panels.count + columns - 1) / columns
        let stripRows = (0..<rows).filter { row in panels[(row * columns)..<min(panels.count, (row + 1) * columns)].contains { $0.residuals != nil } }.count
        let size = FigureSize(width: 540 * columns, height: 400 * rows + 120 * stripRows + 80 + (parameters.title == nil ? 0 : 26))
        let figure = Figure(title: try parameters.title.map { Text(try TextTemplate.fill($0, from: data)) }, caption: Text(caption), size: size,
                            grid: Grid(rows: rows, columns: columns), panels: panels)
        return FigureArtifact(name: parameters.name, figure: figure)
    }
}

extension PanelFigure.Parameters: CheckedParameters {
    /// A layout, a file stem and residual strips that can be drawn, refused before any stage runs
    /// (a `--set` on a figure reaches here).
    public func check() throws {
        guard columns >= 1 else { throw ParameterCheckError("columns is \(columns); give at least 1") }
        guard !panels.isEmpty else { throw ParameterCheckError("panels is empty; give at least one panel") }
        guard !name.isEmpty, !name.contains(where: { "/\\\"\n\r\t".contains($0) }) else {
            throw ParameterCheckError("name \"\(name)\" must be a file stem without slashes, quotes or control characters")
        }
        for (p, panel) in panels.enumerated() {
            guard case .curves(let curves) = panel else { continue }
            guard !curves.series.isEmpty else { throw ParameterCheckError("panel \(p + 1) has no series; give at least one") }
            if let residuals = curves.residuals, !(curves.series.indices.contains(residuals.data) && curves.series.indices.contains(residuals.theory)) {
                throw ParameterCheckError("panel \(p + 1)'s residuals compare series \(residuals.data) and \(residuals.theory), but it has \(curves.series.count) (numbered from 0)")
            }
            if let residuals = curves.residuals, curves.series[residuals.data].error == nil {
                throw ParameterCheckError("panel \(p + 1)'s residuals are in units of series \(residuals.data)'s errors, which it has none of; give it error:")
            }
        }
    }
}
