import Artifacts

/// A schema's column with its schema type erased, as a general figure's parameters hold it: the
/// name to read and the label and units to print. Made only from a ``DataColumn``, so the
/// figure's declaration is checked by the compiler even though its parameters are plain values.
public struct ColumnReference: Codable, Hashable, Sendable {
    /// The dataset's name in the HDF5 file.
    public var name: String
    /// The axes it is stored over (empty for an axis).
    public var dimensions: [String]
    /// True for a coordinate axis.
    public var isAxis: Bool
    /// Units ("1" and "" for a pure number).
    public var units: String
    /// The quantity's symbol ("σ_w²").
    public var label: String

    /// The erased form of `column`.
    public init<S>(_ column: DataColumn<S>) {
        name = column.name
        dimensions = column.dimensions
        isAxis = column.isAxis
        units = column.units
        label = column.label
    }

    /// The label with its units, for an axis title ("q (rad)"); a pure number has none.
    public var axisTitle: String {
        units.isEmpty || units == "1" ? label : "\(label) (\(units))"
    }
}
