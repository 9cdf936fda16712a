import Foundation
import Pipeline
import Artifacts

/// Stacks 1-D results of a grid (one per value of a new axis) into 2-D arrays: the gather stage
/// of a grid. Every row must have the same inner axis.
public struct GatherRows: Stage {
    /// The new (outer) axis, one value per input row, and the variables to stack.
    public struct Parameters: Codable, Hashable, Sendable {
        public var axis: String
        public var values: [Double]
        public var units: String
        public var axisDescription: String
        public var variables: [String]
        public var description: String
        public init(axis: String, values: [Double], units: String, axisDescription: String, variables: [String], description: String) {
            self.axis = axis
            self.values = values
            self.units = units
            self.axisDescription = axisDescription
            self.variables = variables
            self.description = description
        }
    }

    public static let kind = "gather-rows"
    public var parameters: Parameters
    /// One input per value of the outer axis, in order.
    public let rows: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, rows: [Artifact<LabelledData>]) {
        self.parameters = parameters
        self.rows = rows
    }

    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    public func run(_ context: StageContext) throws -> LabelledData {
        guard rows.count == parameters.values.count else {
            throw Mismatch(description: "\(rows.count) rows for \(parameters.values.count) values of \(parameters.axis)")
        }
        let loaded = try rows.map { try context.read($0) }
        guard let first = loaded.first else { throw Mismatch(description: "no rows to gather") }
        let inner = try first.variable(parameters.variables[0]).dimensions
        guard inner.count == 1 else { throw Mismatch(description: "rows must be 1-D, got \(inner)") }
        let innerAxis = try first.axis(inner[0])
        // Keep only what every row agrees on (a row's own σ_b² would mislabel the whole grid);
        // notes are pooled, since each says why some point has no value.
        var shared = first.attributes.filter { key, value in
            key != "description" && key != "notes" && loaded.allSatisfy { $0.attributes[key] == value }
        }
        let notes = Set(loaded.flatMap { ($0.attributes["notes"] ?? "").split(separator: "\n").map(String.init) })
        if !notes.isEmpty { shared["notes"] = notes.sorted().joined(separator: "\n") }
        var data = LabelledData(description: parameters.description, attributes: shared)
        data.addAxis(parameters.axis, values: parameters.values, units: parameters.units, description: parameters.axisDescription)
        data.addAxis(innerAxis.name, values: innerAxis.values, units: innerAxis.units, description: innerAxis.description)
        for name in parameters.variables {
            var values: [Double] = []
            for row in loaded {
                guard try row.axis(innerAxis.name).values == innerAxis.values else {
                    throw Mismatch(description: "rows disagree on the \(innerAxis.name) axis")
                }
                values += try row.variable(name).values
            }
            let template = try first.variable(name)
            data.addVariable(name, over: [parameters.axis, innerAxis.name], values: values, units: template.units, description: template.description)
        }
        return data
    }
}
