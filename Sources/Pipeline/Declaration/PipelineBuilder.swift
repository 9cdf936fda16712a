/// Collects the stages a pipeline declares. Pipelines call ``add(_:_:)`` and
/// ``grid(_:over:label:_:)``; each returns typed handles to wire into later stages.
public final class PipelineBuilder {
    /// The profile being built (quick, default or paper).
    public let profile: Profile
    var pipeline: String = ""
    var nodes: [StageNode] = []
    var problems: [PipelineError] = []
    private var names: Set<String> = []

    init(profile: Profile) { self.profile = profile }

    /// Declares one stage named `name` and returns a handle to its output.
    @discardableResult
    public func add<S: Stage>(_ name: String, _ stage: S) -> Artifact<S.Output> {
        append(name: "\(pipeline)/\(name)", group: nil, stage: stage)
    }

    /// Declares one stage per grid cell — one cached unit each — and returns their handles in
    /// cell order. Cells are named `grid[label]`; `--set grid.param=value` edits every cell.
    /// Widening a grid adds cells whose keys are new; existing cells keep their keys and are not
    /// recomputed.
    public func grid<Cell, S: Stage>(
        _ name: String, over cells: [Cell], label: (Cell) -> String = { "\($0)" }, _ make: (Cell) -> S
    ) -> [Artifact<S.Output>] {
        let group = "\(pipeline)/\(name)"
        return cells.map { cell in append(name: "\(group)[\(label(cell))]", group: group, stage: make(cell)) }
    }

    private func append<S: Stage>(name: String, group: String?, stage: S) -> Artifact<S.Output> {
        if !names.insert(name).inserted { problems.append(.duplicateStage(name)) }
        nodes.append(StageNode(name: name, group: group, pipeline: pipeline, stage: stage,
                               inputs: InputDiscovery.inputs(of: stage)))
        return Artifact(node: nodes.count - 1)
    }
}
