import Foundation

extension LabelledData {
    /// A root attribute a schema stores its typed field in; throws, naming the file's attributes,
    /// when the file lacks it (written by another producer or an older version).
    public func storedAttribute(_ name: String) throws -> String {
        guard let value = attributes[name] else {
            throw SchemaAttributeProblem(description: "data.h5 has no attribute \(name) (it has \(attributes.keys.sorted().joined(separator: ", "))); the file was written by another version — rerun its stage (criticality run)")
        }
        return value
    }

    /// A numeric root attribute (written as Swift prints a Double: "0.05", "nan").
    public func storedNumber(_ name: String) throws -> Double { try storedValue(name) }

    /// A root attribute read as a number or text of type `T` (the files keep their scalars as text
    /// attributes, which h5py shows as they are).
    public func storedValue<T: LosslessStringConvertible>(_ name: String) throws -> T {
        let text = try storedAttribute(name)
        guard let value = T(text) else {
            throw SchemaAttributeProblem(description: "data.h5: attribute \(name) is \"\(text)\", not a \(T.self); the file was written by another version — rerun its stage (criticality run)")
        }
        return value
    }

    /// A one-value summary variable's value.
    public func storedScalar<S>(_ column: DataColumn<S>) throws -> Double {
        let values = try values(column)
        guard values.count == 1 else {
            throw SchemaAttributeProblem(description: "data.h5: \(column.name) holds \(values.count) values, not one; the file was written by another version — rerun its stage (criticality run)")
        }
        return values[0]
    }
}

/// A root attribute a schema needs that the file lacks or holds in another form.
public struct SchemaAttributeProblem: Error, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let description: String
}
