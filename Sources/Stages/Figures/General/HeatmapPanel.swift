import Artifacts
import Pipeline

/// A panel of a variable over two axes drawn as coloured cells, with curves on top, as a
/// general figure's parameters hold it. Made by ``FigurePanel/heatmap(title:_:overlays:logX:logY:logColor:)``.
public struct HeatmapPanel: Codable, Hashable, Sendable {
    public var title: String?
    /// The input's index among the figure's inputs.
    public var input: Int
    /// The variable, its horizontal and its vertical axis.
    public var values: ColumnReference
    public var x: ColumnReference
    public var y: ColumnReference
    /// Its other axes, held at one value.
    public var fixed: [FixedAxis]
    /// Curves drawn over the cells.
    public var overlays: [SeriesSpec]
    public var logX: Bool
    public var logY: Bool
    public var logColor: Bool
}

/// The variable a heatmap panel draws, chosen by its schema's columns (the typed constructor).
///
/// ```swift
/// HeatmapValues(modes, values: LatticeModesData.power, x: LatticeModesData.wavevector, y: LatticeModesData.network)
/// ```
public struct HeatmapValues<S: LabelledSchema>: Sendable {
    let source: any FigureSource
    var values: ColumnReference, x: ColumnReference, y: ColumnReference
    var fixed: [FixedAxis] = []

    /// `values` over the axes `x` and `y` of `data`.
    public init(_ data: Artifact<S>, values: DataColumn<S>, x: DataColumn<S>, y: DataColumn<S>) {
        source = data
        self.values = ColumnReference(values)
        self.x = ColumnReference(x)
        self.y = ColumnReference(y)
    }

    /// `axis` held at the stored value nearest `value`.
    public func at(_ axis: DataColumn<S>, _ value: Double) -> Self {
        var copy = self
        copy.fixed.append(FixedAxis(axis: axis.name, value: value))
        return copy
    }
}
