import Foundation
import Pipeline

/// A kind of data that stages exchange (a mean-field curve, a heatmap over (σ_w², depth), a
/// lattice ensemble summary …), defined once and shared by the stage that writes it and the
/// stages that read it.
///
/// A schema is a typed value with a ``LabelledData`` encoding: its columns (``DataColumn``) say
/// which arrays the file holds and under which names, so producer and consumer agree through the
/// compiler, not through strings. Stored, it is an ordinary `data.h5` that h5py and xarray read,
/// with its stage's provenance attributes.
public protocol LabelledSchema: ArtifactValue {
    /// Decodes the value from its file contents; throws when a column is missing or misshapen.
    init(labelled data: LabelledData) throws
    /// The value's file contents.
    func labelled() throws -> LabelledData
}

extension LabelledSchema {
    public func write(to directory: URL) throws { try labelled().write(to: directory) }

    public func write(to directory: URL, provenance: ArtifactProvenance) throws {
        try labelled().write(to: directory, provenance: provenance)
    }

    public static func read(from directory: URL) throws -> Self {
        try Self(labelled: LabelledData.read(from: directory))
    }
}

extension LabelledData {
    /// Adds a schema's axis with its values.
    public mutating func add<S>(_ axis: DataColumn<S>, values: [Double]) {
        precondition(axis.isAxis, "\(axis.name) is a variable; use add(_:values:) with a variable column")
        addAxis(axis.name, values: values, units: axis.units, description: axis.description)
    }

    /// Adds a schema's variable (row-major over its axes, which must already be added).
    public mutating func add<S>(variable column: DataColumn<S>, values: [Double]) {
        precondition(!column.isAxis, "\(column.name) is an axis; use add(_:values:)")
        addVariable(column.name, over: column.dimensions, values: values, units: column.units, description: column.description)
    }

    /// The values of a schema's column (axis or variable); throws, naming the file's columns,
    /// when the file does not hold it or holds it over other axes.
    public func values<S>(_ column: DataColumn<S>) throws -> [Double] {
        if column.isAxis { return try axis(column.name).values }
        let stored = try variable(column.name)
        guard stored.dimensions == column.dimensions else {
            throw SchemaMismatch(column: column.name, expected: column.dimensions, found: stored.dimensions)
        }
        return stored.values
    }
}

/// A file's column stored over other axes than its schema says: the file was written by an
/// older or a different producer.
public struct SchemaMismatch: Error, CustomStringConvertible {
    /// The column's name.
    public let column: String
    /// The axes the schema declares.
    public let expected: [String]
    /// The axes the file holds it over.
    public let found: [String]

    public var description: String {
        "data.h5: \(column) is stored over [\(found.joined(separator: ", "))] but its schema declares [\(expected.joined(separator: ", "))]; the file was written by another version — rerun its stage (criticality run)"
    }
}
