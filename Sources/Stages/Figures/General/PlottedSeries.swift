import Artifacts
import Pipeline

/// A quantity to plot from a typed input, chosen by its schema's columns: the one place the
/// schema's type is known, so `x: LatticeModesData.wavevector` with a `MeanFieldCurveData` input
/// does not compile. Panels hold it as an ``AnySeries`` (its ``SeriesSpec`` and its input).
///
/// ```swift
/// PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.variance,
///               error: LatticeModesData.varianceStderr)
/// PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.power, drawn: .faintLines)
///     .each(LatticeModesData.network)
/// ```
public struct PlottedSeries<S: LabelledSchema>: AnySeries {
    public let source: any FigureSource
    public var spec: SeriesSpec

    /// `y` against `x` from `data`, with optional standard errors; `title` is a ``TextTemplate``.
    public init(_ data: Artifact<S>, x: DataColumn<S>, y: DataColumn<S>, error: DataColumn<S>? = nil,
                drawn drawing: SeriesDrawing = .points, coloring: SeriesColoring = .automatic, title: String? = nil) {
        source = data
        spec = SeriesSpec(input: 0, x: ColumnReference(x), y: ColumnReference(y), error: error.map(ColumnReference.init),
                          each: nil, fixed: [], drawing: drawing, coloring: coloring, title: title)
    }

    /// One curve per value of `axis`.
    public func each(_ axis: DataColumn<S>) -> Self {
        var copy = self
        copy.spec.each = ColumnReference(axis)
        return copy
    }

    /// `axis` held at the stored value nearest `value`.
    public func at(_ axis: DataColumn<S>, _ value: Double) -> Self {
        var copy = self
        copy.spec.fixed.append(FixedAxis(axis: axis.name, value: value))
        return copy
    }
}

/// A plotted series with its schema erased: what panels hold.
public protocol AnySeries: Sendable {
    /// The input it reads.
    var source: any FigureSource { get }
    /// What it plots (its `input` is set when the figure collects its inputs).
    var spec: SeriesSpec { get }
}
