import Foundation

/// A lattice data file without an attribute or one-value summary its schema needs, or with one
/// that does not parse: the file was written by another version of its stage.
public struct LatticeSchemaError: Error, CustomStringConvertible {
    /// What is wrong, naming the attribute or variable.
    public let problem: String

    public var description: String {
        "data.h5: \(problem); the file was written by another version of its stage — rerun it (criticality run)"
    }
}

extension LabelledData {
    /// A root attribute of a lattice schema as a number or text (the files keep their scalars as
    /// text attributes, which h5py shows as they are).
    func latticeAttribute<T: LosslessStringConvertible>(_ name: String) throws -> T {
        guard let text = attributes[name] else { throw LatticeSchemaError(problem: "no attribute \(name)") }
        guard let value = T(text) else { throw LatticeSchemaError(problem: "attribute \(name) = \(text) is not a \(T.self)") }
        return value
    }

    /// A one-value summary variable's value.
    func latticeScalar<S>(_ column: DataColumn<S>) throws -> Double {
        let values = try values(column)
        guard values.count == 1 else { throw LatticeSchemaError(problem: "\(column.name) holds \(values.count) values, not one") }
        return values[0]
    }
}
