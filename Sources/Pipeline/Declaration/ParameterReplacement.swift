import Foundation

extension StageGraph {
    /// This graph with one stage's parameters replaced whole (as recorded in a manifest), checked
    /// against the stage's parameter type. `verify --rerun` uses it to recompute an archived
    /// stage exactly as it was declared then.
    ///
    /// A grid cell renamed by a `--set` (its label follows its parameters: `rows[sb2=0.35]` was
    /// declared `rows[sb2=0.3]`) is found as the cell of its grid that the parameters relabel to
    /// `stageName`, among cells not named in `avoiding` (the other stages being replaced), and
    /// takes that name.
    public func replacingParameters(of stageName: String, with parameters: JSONValue, avoiding: Set<String> = []) throws -> StageGraph {
        var graph = self
        if let index = nodes.firstIndex(where: { $0.name == stageName }) {
            graph.nodes[index].stage = try Self.replace(nodes[index].stage, stageName: stageName, with: parameters)
            return graph
        }
        for index in nodes.indices where nodes[index].group.map({ stageName.hasPrefix($0 + "[") }) == true && !avoiding.contains(nodes[index].name) {
            guard let replaced = try? Self.replace(nodes[index].stage, stageName: stageName, with: parameters) else { continue }
            var node = nodes[index]
            node.stage = replaced
            guard node.currentName == stageName else { continue }
            node.name = stageName
            graph.nodes[index] = node
            return graph
        }
        throw PipelineError.unknownTarget(stageName, known: nodes.map(\.name))
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
