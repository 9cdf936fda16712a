/// One stage instance in a built graph: the type-erased stage, its name, and its inputs.
struct StageNode: Sendable {
    /// Full name, `pipeline/stage` or `pipeline/grid[label]` for a grid cell. A cell's label is
    /// recomputed from its parameters after `--set`, so that its name (and its Results folder)
    /// says the values it was computed with.
    var name: String
    /// The name as the pipeline declared it, before `--set` relabelled the cell: status explains
    /// a renamed cell against the last run under this name ("parameter sb2 changed from 0.3 to
    /// 0.35"), not as never run.
    let declaredName: String
    /// The grid this node is a cell of (`pipeline/grid`), if any.
    let group: String?
    /// The pipeline that declared it.
    let pipeline: String
    /// The stage value; its parameters may have been overridden by `--set`.
    var stage: any Stage
    /// Indices of the nodes whose outputs this one reads, in declaration order.
    let inputs: [Int]
    /// A grid cell's label, computed from its stage (nil for a plain stage).
    let label: (@Sendable (any Stage) -> String)?

    init(name: String, group: String?, pipeline: String, stage: any Stage, inputs: [Int], label: (@Sendable (any Stage) -> String)?) {
        self.name = name
        self.declaredName = name
        self.group = group
        self.pipeline = pipeline
        self.stage = stage
        self.inputs = inputs
        self.label = label
    }

    /// The name the node should have with its current parameters: a cell's label follows them.
    var currentName: String {
        guard let group, let label else { return name }
        return "\(group)[\(label(stage))]"
    }

    var kind: String { type(of: stage).kind }
}
