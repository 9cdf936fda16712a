import Foundation

/// A `--set <stage>.<parameter>=<value>` edit of a stage's parameters, checked against the
/// stage's parameter type before anything runs.
///
/// `<stage>` is a stage or a grid (every cell), with or without its pipeline prefix;
/// `<parameter>` may be a dotted path into nested parameters. The value is read as JSON when it
/// parses (`2.5`, `true`, `[1,2]`, `"x"`), otherwise as a string (`tanh`).
public struct ParameterOverride: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String

    /// Keeps the text; it is matched against a graph's stage names by ``StageGraph/applying(_:)``.
    public init(_ text: String) { self.text = text }

    public var description: String { text }

    /// Splits the text into (target, parameter path, value) using the graph's names, since stage
    /// names may themselves hold dots and `=` (grid cells such as `grid[sw2=1.5]`).
    func split(names: [String]) throws -> (target: String, path: [String], value: String) {
        // Longest name first, so `grid[a=1]` wins over `grid`.
        for name in names.sorted(by: { $0.count > $1.count }) {
            for candidate in [name, String(name.split(separator: "/", maxSplits: 1).last ?? "")] where !candidate.isEmpty {
                guard text.hasPrefix(candidate + ".") else { continue }
                let rest = text.dropFirst(candidate.count + 1)
                guard let equals = rest.firstIndex(of: "=") else { throw PipelineError.malformedOverride(text) }
                let path = rest[..<equals].split(separator: ".").map(String.init)
                guard !path.isEmpty else { throw PipelineError.malformedOverride(text) }
                return (candidate, path, String(rest[rest.index(after: equals)...]))
            }
        }
        guard let dot = text.firstIndex(of: "."), text[dot...].contains("=") else { throw PipelineError.malformedOverride(text) }
        throw PipelineError.unknownStage(String(text[..<dot]), known: names)
    }
}

extension StageGraph {
    /// This graph with the overrides applied, each checked against its stage's parameter type.
    public func applying(_ overrides: [ParameterOverride]) throws -> StageGraph {
        var graph = self
        let names = groupNames + nodes.map(\.name)
        for override in overrides {
            let (target, path, value) = try override.split(names: names)
            for index in try resolve(target) {
                graph.nodes[index].stage = try Self.override(graph.nodes[index].stage, stageName: target, path: path, value: value)
            }
        }
        try graph.relabelCells(after: overrides)
        graph.overrides += overrides.map(\.text)
        return graph
    }

    /// Renames grid cells whose label follows a parameter an override changed, so names and
    /// Results folders say the values used; refuses overrides that make two cells one.
    private mutating func relabelCells(after overrides: [ParameterOverride]) throws {
        var owner: [String: Int] = [:]
        for index in nodes.indices {
            let renamed = nodes[index].currentName
            if let other = owner[renamed] {
                throw PipelineError.cellsCollide(name: renamed, first: self.nodes[other].name, second: self.nodes[index].name,
                                                 overrides: overrides.map(\.text))
            }
            owner[renamed] = index
        }
        for index in nodes.indices { nodes[index].name = nodes[index].currentName }
    }

    static func override<S: Stage>(_ stage: S, stageName: String, path: [String], value: String) throws -> S {
        let current = try JSONValue.parse(CanonicalJSON.encode(stage.parameters))
        let replacement = (try? JSONValue.parse(Data(value.utf8))) ?? .string(value)
        let edited = try set(replacement, at: path, in: current, stageName: stageName, fullPath: path)
        var copy = stage
        do {
            copy.parameters = try JSONDecoder().decode(S.Parameters.self, from: CanonicalJSON.encode(edited))
        } catch let error as DecodingError {
            throw PipelineError.wrongParameterType(stage: stageName, parameter: path.joined(separator: "."), value: value,
                                                   expected: describe(error))
        }
        return copy
    }

    private static func set(_ value: JSONValue, at path: [String], in document: JSONValue, stageName: String, fullPath: [String]) throws -> JSONValue {
        guard let key = path.first else { return value }
        guard case .object(var members) = document, let child = members[key] else {
            let known: [String]
            if case .object(let members) = document { known = Array(members.keys) } else { known = [] }
            throw PipelineError.unknownParameter(stage: stageName, parameter: fullPath.joined(separator: "."), known: known)
        }
        members[key] = try set(value, at: Array(path.dropFirst()), in: child, stageName: stageName, fullPath: fullPath)
        return .object(members)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): return "expected a value of type \(type)"
        case .valueNotFound(let type, _): return "expected a value of type \(type)"
        case .dataCorrupted(let context): return context.debugDescription
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        @unknown default: return "\(error)"
        }
    }
}
