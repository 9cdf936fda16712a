/// One plotted quantity of a general figure as its parameters hold it (made by
/// ``PlottedSeries``): which input and columns, how the other axes are chosen, how it is drawn.
/// It draws one curve, or one per value of ``each``.
public struct SeriesSpec: Codable, Hashable, Sendable {
    /// The input's index among the figure's inputs.
    public var input: Int
    /// The horizontal values: the curve's running axis, or a variable over the same axes as `y`.
    public var x: ColumnReference
    /// The plotted values.
    public var y: ColumnReference
    /// Standard errors of `y`, drawn as error bars (points) or a band (lines).
    public var error: ColumnReference?
    /// Draw one curve per value of this axis.
    public var each: ColumnReference?
    /// Axes held at one value (the stored value nearest to it).
    public var fixed: [FixedAxis]
    /// How the curves are drawn.
    public var drawing: SeriesDrawing
    /// How they are coloured.
    public var coloring: SeriesColoring
    /// The key entry, a ``TextTemplate`` filled per curve; nil for the default (the `each` axis's
    /// value, or the column's label).
    public var title: String?
}

/// An axis held at one value.
public struct FixedAxis: Codable, Hashable, Sendable {
    public var axis: String
    public var value: Double
}

/// How a series is drawn.
public enum SeriesDrawing: String, Codable, Hashable, Sendable {
    /// Points, with error bars when the series has errors.
    case points
    /// A line, with a band of ± one error when the series has errors.
    case line
    /// A dashed line (a prediction drawn over data).
    case dashedLine
    /// Thin light lines, one per curve, with one key entry (an ensemble's members).
    case faintLines
    /// A histogram's outline (`histeps`).
    case steps
    /// A histogram's filled bars.
    case bars
}

/// How a series' curves are coloured: the figures' one palette convention.
public enum SeriesColoring: String, Codable, Hashable, Sendable {
    /// Blue → red along the `each` axis (an ordered parameter); the panel's next qualitative
    /// colour when there is no `each` or the curves are an ensemble's faint lines.
    case automatic
    /// Black: a theory curve.
    case theory
    /// The panel's next qualitative colour for every curve.
    case single
}
