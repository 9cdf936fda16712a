/// A panel of a general figure as a pipeline declares it: its spec (plain values) and the inputs
/// its series read. ``PanelFigure`` collects the inputs and numbers them in the specs.
///
/// ```swift
/// .curves(title: "⟨ε_q†ε_q⟩ against S(q)", [
///     PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.variance, error: LatticeModesData.varianceStderr),
///     PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.variancePredicted, drawn: .line, coloring: .theory),
/// ], residuals: Residuals(data: 0, theory: 1), logY: true)
/// ```
public struct FigurePanel: Sendable {
    /// The spec; its input indices are placeholders until the figure numbers its inputs.
    var spec: PanelSpec
    /// The input of each series, in order (a heatmap's variable first, then its overlays).
    var sources: [any FigureSource]

    /// Curves of y against x. `residuals` adds a strip of (data − theory)/error under the panel;
    /// axis titles come from the columns unless given.
    public static func curves(title: String? = nil, _ series: [any AnySeries], residuals: Residuals? = nil,
                              references: [ReferenceValue] = [], logX: Bool = false, logY: Bool = false,
                              xLabel: String? = nil, yLabel: String? = nil) -> FigurePanel {
        FigurePanel(spec: .curves(CurvesPanel(title: title, series: series.map(\.spec), residuals: residuals, references: references,
                                              logX: logX, logY: logY, xLabel: xLabel, yLabel: yLabel)),
                    sources: series.map(\.source))
    }

    /// A variable over two axes as coloured cells, with curves drawn on top.
    public static func heatmap<S>(title: String? = nil, _ values: HeatmapValues<S>, overlays: [any AnySeries] = [],
                                  logX: Bool = false, logY: Bool = false, logColor: Bool = false) -> FigurePanel {
        FigurePanel(spec: .heatmap(HeatmapPanel(title: title, input: 0, values: values.values, x: values.x, y: values.y, fixed: values.fixed,
                                                overlays: overlays.map(\.spec), logX: logX, logY: logY, logColor: logColor)),
                    sources: [values.source] + overlays.map(\.source))
    }
}

/// A general figure's panel as its parameters hold it.
public enum PanelSpec: Codable, Hashable, Sendable {
    case curves(CurvesPanel)
    case heatmap(HeatmapPanel)

    /// The spec with its series' inputs numbered: `inputs[k]` is the index of the k-th source.
    func numbered(_ inputs: [Int]) -> PanelSpec {
        switch self {
        case .curves(var panel):
            for k in panel.series.indices { panel.series[k].input = inputs[k] }
            return .curves(panel)
        case .heatmap(var panel):
            panel.input = inputs[0]
            for k in panel.overlays.indices { panel.overlays[k].input = inputs[k + 1] }
            return .heatmap(panel)
        }
    }
}
