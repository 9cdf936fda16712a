/// One stage instance in a built graph: the type-erased stage, its name, and its inputs.
struct StageNode: Sendable {
    /// Full name, `pipeline/stage` or `pipeline/grid[label]` for a grid cell.
    let name: String
    /// The grid this node is a cell of (`pipeline/grid`), if any.
    let group: String?
    /// The pipeline that declared it.
    let pipeline: String
    /// The stage value; its parameters may have been overridden by `--set`.
    var stage: any Stage
    /// Indices of the nodes whose outputs this one reads, in declaration order.
    let inputs: [Int]

    var kind: String { type(of: stage).kind }
}
