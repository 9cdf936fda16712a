import Foundation
import HDF5
import Pipeline

/// Named arrays over labelled axes, stored as one HDF5 file (`data.h5`): each axis a 1-D
/// dataset made a dimension scale, each variable a dataset with its axes attached, units and
/// descriptions as attributes. h5py shows `f["xi_c"].dims[0][0]`; xarray (h5netcdf engine) opens
/// it as a Dataset with coordinates.
///
/// Written by the engine, the file also records what made it as root attributes: `stage_kind`
/// (its stage type), `parameters` (the canonical JSON its key was computed from) and one `parameter.<path>` per flattened parameter (`parameter.sb2`,
/// `parameter.sw2.count`): numbers as numbers, the rest as text. Read back, they are
/// ``provenance``, not ``attributes``.
///
/// ```swift
/// var data = LabelledData(description: "ξ_c of tanh over (σ_w², σ_b²)")
/// data.addAxis("sigma_w2", values: sw2, units: "1", description: "weight variance σ_w²")
/// data.addVariable("xi_c", over: ["sigma_b2", "sigma_w2"], values: xi, units: "layers", description: "…")
/// ```
public struct LabelledData: ArtifactValue, Equatable {
    /// A coordinate axis.
    public struct Axis: Equatable, Sendable {
        public var name: String
        public var values: [Double]
        public var units: String
        public var description: String
    }

    /// An array over some of the axes (row-major in the order of `dimensions`).
    public struct Variable: Equatable, Sendable {
        public var name: String
        public var dimensions: [String]
        public var values: [Double]
        public var units: String
        public var description: String
    }

    /// The file's own description and any further string attributes (e.g. parameters as JSON).
    public var attributes: [String: String]
    /// Coordinate axes (read back in name order, as HDF5 lists members).
    public private(set) var axes: [Axis] = []
    /// Arrays over the axes (read back in name order).
    public private(set) var variables: [Variable] = []
    /// The stage that wrote the file, when read back from a stage's output (nil for a value
    /// being built: the engine supplies it when it writes the value).
    public private(set) var provenance: ArtifactProvenance?

    /// An empty data set with a description.
    public init(description: String, attributes: [String: String] = [:]) {
        self.attributes = attributes.merging(["description": description]) { _, new in new }
    }

    /// Adds a coordinate axis.
    public mutating func addAxis(_ name: String, values: [Double], units: String, description: String) {
        axes.append(Axis(name: name, values: values, units: units, description: description))
    }

    /// Adds a variable over existing axes; its count must be the product of their lengths (an
    /// empty `over` is a scalar). A programming error otherwise, caught by the stage's tests.
    public mutating func addVariable(_ name: String, over dimensions: [String], values: [Double], units: String, description: String) {
        let shape = dimensions.map { d in axes.first { $0.name == d }?.values.count ?? -1 }
        precondition(!shape.contains(-1), "variable \(name) names an unknown axis among \(dimensions)")
        precondition(shape.reduce(1, *) == values.count, "variable \(name): \(values.count) values for shape \(shape)")
        variables.append(Variable(name: name, dimensions: dimensions, values: values, units: units, description: description))
    }

    /// The axis called `name`.
    public func axis(_ name: String) throws -> Axis {
        guard let axis = axes.first(where: { $0.name == name }) else { throw missing("axis", name, axes.map(\.name)) }
        return axis
    }

    /// The variable called `name`.
    public func variable(_ name: String) throws -> Variable {
        guard let variable = variables.first(where: { $0.name == name }) else { throw missing("variable", name, variables.map(\.name)) }
        return variable
    }

    private func missing(_ kind: String, _ name: String, _ known: [String]) -> Error {
        HDF5Error(operation: "find \(kind)", file: "data.h5", object: "/" + name, detail: "no such \(kind)",
                  hint: "Known: \(known.joined(separator: ", "))")
    }

    /// The file name inside a stage's outputs.
    public static let fileName = "data.h5"

    /// Root attribute names that record provenance; a data set's own attributes cannot use them.
    public static let provenanceAttributes: Set<String> = ["stage_kind", "parameters"]
    /// The prefix of the per-parameter provenance attributes (`parameter.sb2`).
    public static let parameterAttributePrefix = "parameter."
    /// Numeric array parameters longer than this are recorded as JSON text: an attribute in the
    /// object header is limited to 64 KiB, a string is stored beside it.
    static let longestNumericAttribute = 4096

    static func isProvenanceAttribute(_ name: String) -> Bool {
        provenanceAttributes.contains(name) || name.hasPrefix(parameterAttributePrefix)
    }

    public func write(to directory: URL) throws { try writeFile(in: directory, provenance: nil) }

    public func write(to directory: URL, provenance: ArtifactProvenance) throws {
        try writeFile(in: directory, provenance: provenance)
    }

    private func writeFile(in directory: URL, provenance: ArtifactProvenance?) throws {
        let path = directory.appendingPathComponent(Self.fileName).path
        if let clash = attributes.keys.sorted().first(where: Self.isProvenanceAttribute) {
            throw HDF5Error(operation: "write attribute", file: path, object: "/@" + clash,
                            detail: "the name is reserved for the stage's provenance",
                            hint: "Rename the data set's attribute (stage_kind, parameters and parameter.* are written by the engine)")
        }
        let root = try File.create(at: directory.appendingPathComponent(Self.fileName)).root
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { try root.setAttribute(key, .string(value)) }
        if let provenance {
            try root.setAttribute("stage_kind", .string(provenance.kind))
            try root.setAttribute("parameters", .string(try provenance.canonicalParameters))
            for (path, value) in provenance.flattenedParameters {
                let name = path.isEmpty ? String(Self.parameterAttributePrefix.dropLast()) : Self.parameterAttributePrefix + path
                try root.setAttribute(name, Self.attributeValue(value))
            }
        }
        var scales: [String: Dataset] = [:]
        for axis in axes {
            let dataset = try root.write(axis.values, shape: [axis.values.count], name: axis.name)
            try dataset.makeDimensionScale(name: axis.name)
            try dataset.setAttribute("units", .string(axis.units))
            try dataset.setAttribute("long_name", .string(axis.description))
            scales[axis.name] = dataset
        }
        for variable in variables {
            let shape = variable.dimensions.map { name in axes.first { $0.name == name }!.values.count }
            let dataset = try root.write(variable.values, shape: shape, name: variable.name)
            for (index, dimension) in variable.dimensions.enumerated() { try dataset.attach(scale: scales[dimension]!, to: index) }
            try dataset.setAttribute("units", .string(variable.units))
            try dataset.setAttribute("long_name", .string(variable.description))
        }
    }

    public static func read(from directory: URL) throws -> LabelledData {
        let root = try File.open(at: directory.appendingPathComponent(fileName)).root
        var attributes: [String: String] = [:]
        var recorded: [String: String] = [:]
        for name in try root.attributeNames() {
            if provenanceAttributes.contains(name) {
                recorded[name] = try root.attribute(name).string
            } else if !name.hasPrefix(parameterAttributePrefix) {
                attributes[name] = try root.attribute(name).string
            }
        }
        var data = LabelledData(description: attributes["description"] ?? "", attributes: attributes)
        if let kind = recorded["stage_kind"], let json = recorded["parameters"] {
            // The per-parameter attributes repeat the JSON for readers; the JSON is the record.
            data.provenance = ArtifactProvenance(kind: kind, parameters: try JSONValue.parse(Data(json.utf8)))
        }
        var pending: [(String, Dataset)] = []
        for name in try root.memberNames() {
            let dataset = try root.dataset(name)
            if dataset.isDimensionScale {
                data.addAxis(name, values: try dataset.read(as: Double.self),
                             units: try dataset.attribute("units").string ?? "", description: try dataset.attribute("long_name").string ?? "")
            } else {
                pending.append((name, dataset))
            }
        }
        for (name, dataset) in pending {
            let dimensions = try dataset.attachedScales().map { String(($0.first ?? "").dropFirst()) }
            data.variables.append(Variable(name: name, dimensions: dimensions, values: try dataset.read(as: Double.self),
                                           units: try dataset.attribute("units").string ?? "",
                                           description: try dataset.attribute("long_name").string ?? ""))
        }
        return data
    }

    /// A parameter leaf as an attribute h5py shows as it is: numbers (and arrays of them) as
    /// numbers, text as text, anything else (booleans, null, objects in arrays) as JSON text.
    static func attributeValue(_ value: JSONValue) throws -> AttributeValue {
        switch value {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items) where !items.isEmpty && items.count <= longestNumericAttribute:
            let ints = items.compactMap { if case .int(let i) = $0 { i } else { nil } }
            if ints.count == items.count { return .ints(ints) }
            let doubles = items.compactMap { item -> Double? in
                switch item {
                case .int(let i): return Double(i)
                case .double(let d): return d
                default: return nil
                }
            }
            if doubles.count == items.count { return .doubles(doubles) }
            return .string(try CanonicalJSON.string(value))
        default:
            return .string(try CanonicalJSON.string(value))
        }
    }
}
