/// A panel of curves as a general figure's parameters hold it: series of y against x, drawn as
/// points with error bars, lines with bands, faint ensembles, or histograms; optional reference
/// lines, log axes, and a residual strip under it. Made by ``FigurePanel/curves(title:_:residuals:references:logX:logY:xLabel:yLabel:)``.
public struct CurvesPanel: Codable, Hashable, Sendable {
    /// The panel's title (a ``TextTemplate``); nil for none.
    public var title: String?
    /// What is drawn, back to front.
    public var series: [SeriesSpec]
    /// A strip under the panel showing (data − theory)/error.
    public var residuals: Residuals?
    /// Lines across the panel.
    public var references: [ReferenceValue]
    public var logX: Bool
    public var logY: Bool
    /// Axis titles; nil takes them from the columns (label and units).
    public var xLabel: String?
    public var yLabel: String?
}

/// Which series of a panel the residual strip compares: `data`'s curves against `theory`'s,
/// curve by curve, in units of `data`'s errors (theory interpolated at the data's x).
public struct Residuals: Codable, Hashable, Sendable {
    /// The index of the measured series in the panel (it must have errors).
    public var data: Int
    /// The index of the predicted series.
    public var theory: Int

    public init(data: Int, theory: Int) {
        self.data = data
        self.theory = theory
    }
}

/// A horizontal or vertical line at a value the figure states (zero, a chance level).
public struct ReferenceValue: Codable, Hashable, Sendable {
    /// True for a vertical line (at an x value).
    public var isVertical: Bool
    public var value: Double
    /// Its key entry; nil for none.
    public var title: String?

    /// A horizontal line at `y`.
    public static func horizontal(_ y: Double, title: String? = nil) -> ReferenceValue { ReferenceValue(isVertical: false, value: y, title: title) }
    /// A vertical line at `x`.
    public static func vertical(_ x: Double, title: String? = nil) -> ReferenceValue { ReferenceValue(isVertical: true, value: x, title: title) }
}
