import Foundation

/// One named array of a schema: an axis (a coordinate) or a variable over some axes, with its
/// units and its label set as math. The name is the HDF5 dataset's name and appears only here:
/// producers write and consumers read through the column, so renaming it is one edit, and
/// removing it breaks every reader at compile time.
///
/// The type parameter is the schema the column belongs to, so a figure cannot plot a lattice
/// column from a mean-field curve. Columns are `Codable` because general figure stages hold them
/// in their parameters (which enter their keys).
///
/// ```swift
/// extension MeanFieldCurveData {
///     public static let sigmaW2 = DataColumn<MeanFieldCurveData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance")
///     public static let xiC = DataColumn<MeanFieldCurveData>("xi_c", over: [sigmaW2], units: "layers", label: "ξ_c", description: "correlation depth scale (002 Eq. 10)")
/// }
/// ```
public struct DataColumn<Schema>: Sendable, Hashable, Codable {
    /// The dataset's name in the HDF5 file.
    public let name: String
    /// The names of the axes it is stored over, in storage order (empty for an axis itself and
    /// for a scalar).
    public let dimensions: [String]
    /// True for a coordinate axis (an HDF5 dimension scale).
    public let isAxis: Bool
    /// Units as the papers write them; empty for a pure number.
    public let units: String
    /// The quantity's symbol as the figures set it (Unicode math: "σ_w²", "ξ_c").
    public let label: String
    /// One phrase saying what the values are (the dataset's `long_name`).
    public let description: String

    /// A coordinate axis.
    public init(axis name: String, units: String = "", label: String, description: String) {
        self.name = name
        self.dimensions = []
        self.isAxis = true
        self.units = units
        self.label = label
        self.description = description
    }

    /// A variable over `axes` (none for a scalar).
    public init(_ name: String, over axes: [DataColumn<Schema>] = [], units: String = "", label: String, description: String) {
        precondition(axes.allSatisfy(\.isAxis), "\(name) is declared over a column that is not an axis")
        self.name = name
        self.dimensions = axes.map(\.name)
        self.isAxis = false
        self.units = units
        self.label = label
        self.description = description
    }

    /// The label with its units in parentheses, for an axis title ("ξ_c (layers)").
    public var labelWithUnits: String { units.isEmpty ? label : "\(label) (\(units))" }
}
