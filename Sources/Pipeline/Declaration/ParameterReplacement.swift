import Foundation

extension StageGraph {
    /// This graph with one stage's parameters replaced whole (as recorded in a manifest), checked
    /// against the stage's parameter type. `verify --rerun` uses it to recompute an archived
    /// stage exactly as it was declared then.
    public func replacingParameters(of stageName: String, with parameters: JSONValue) throws -> StageGraph {
        guard let index = nodes.firstIndex(where: { $0.name == stageName }) else {
            throw PipelineError.unknownTarget(stageName, known: nodes.map(\.name))
        }
        var graph = self
        graph.nodes[index].stage = try Self.replace(nodes[index].stage, stageName: stageName, with: parameters)
        return graph
    }

    private static func replace<S: Stage>(_ stage: S, stageName: String, with parameters: JSONValue) throws -> S {
        var copy = stage
        do {
            copy.parameters = try JSONDecoder().decode(S.Parameters.self, from: CanonicalJSON.encode(parameters))
        } catch {
            throw PipelineError.wrongParameterType(stage: stageName, parameter: "(all)", value: parameters.description,
                                                   expected: "the parameters of \(S.kind) as this version declares them")
        }
        return copy
    }
}
