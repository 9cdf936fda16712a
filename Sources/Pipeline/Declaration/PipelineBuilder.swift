/// Collects the stages a pipeline declares. Pipelines call ``add(_:_:)`` and
/// ``grid(_:over:label:_:)``; each returns typed handles to wire into later stages.
public final class PipelineBuilder {
    /// The profile being built (quick, default or paper).
    public let profile: Profile
    /// Folders of data sets the user declared (`--data-dir`); a pipeline that can use one
    /// declares its stages only when it is given.
    public let dataDirectories: DataDirectories
    var pipeline: String = ""
    var nodes: [StageNode] = []
    var problems: [PipelineError] = []
    private var names: Set<String> = []

    init(profile: Profile, dataDirectories: DataDirectories = DataDirectories()) {
        self.profile = profile
        self.dataDirectories = dataDirectories
    }

    /// Declares one stage named `name` and returns a handle to its output.
    @discardableResult
    public func add<S: Stage>(_ name: String, _ stage: S) -> Artifact<S.Output> {
        append(name: "\(pipeline)/\(name)", group: nil, stage: stage)
    }

    /// Declares one stage per grid cell — one cached unit each — and returns their handles in
    /// cell order. Cells are named `grid[label]`, the label computed from the cell's stage (its
    /// parameters), so that after `--set grid.param=value` (which edits every cell) a cell's
    /// name and Results folder say the values it was computed with. Widening a grid adds cells
    /// whose keys are new; existing cells keep their keys and are not recomputed.
    ///
    /// ```swift
    /// p.grid("rows", over: [0.0, 0.05], label: { "sb2=\($0.parameters.sb2)" }) { MeanFieldCurve(.init(sb2: $0)) }
    /// ```
    public func grid<Cell, S: Stage>(
        _ name: String, over cells: [Cell], label: @escaping @Sendable (S) -> String, _ make: (Cell) -> S
    ) -> [Artifact<S.Output>] {
        let group = "\(pipeline)/\(name)"
        // The erased label is only ever called on this node's stage, whose type --set keeps.
        let erased: @Sendable (any Stage) -> String = { label($0 as! S) }
        return cells.map { cell in
            let stage = make(cell)
            return append(name: "\(group)[\(label(stage))]", group: group, stage: stage, label: erased)
        }
    }

    private func append<S: Stage>(name: String, group: String?, stage: S, label: (@Sendable (any Stage) -> String)? = nil) -> Artifact<S.Output> {
        if !names.insert(name).inserted { problems.append(.duplicateStage(name)) }
        nodes.append(StageNode(name: name, group: group, pipeline: pipeline, stage: stage,
                               inputs: InputDiscovery.inputs(of: stage), label: label))
        return Artifact(node: nodes.count - 1)
    }
}
