/// The stages of one or more pipelines for one profile, in dependency order (every input comes
/// before its consumers, because a handle exists only once its producer was declared).
public struct StageGraph: Sendable {
    var nodes: [StageNode]
    /// The pipelines the graph was built from, by name.
    public let pipelineNames: [String]
    /// The profile the graph was built for.
    public let profile: Profile
    /// The `--set` overrides applied to it, in order: a cluster task rebuilds the same graph
    /// from them, so that it sees the same (relabelled) stage names as the submitting run.
    public internal(set) var overrides: [String] = []

    /// The data-set folders the pipelines were declared with (`--data-dir`).
    public let dataDirectories: DataDirectories

    /// Builds every pipeline in `pipelines` for `profile`, with the declared data-set folders.
    public init(_ pipelines: [PipelineDefinition], profile: Profile, dataDirectories: DataDirectories = DataDirectories()) throws {
        let builder = PipelineBuilder(profile: profile, dataDirectories: dataDirectories)
        for pipeline in pipelines {
            builder.pipeline = pipeline.name
            pipeline.declare(builder)
        }
        if let problem = builder.problems.first { throw problem }
        self.nodes = builder.nodes
        self.pipelineNames = pipelines.map(\.name)
        self.profile = profile
        self.dataDirectories = dataDirectories
    }

    /// Number of stage instances.
    public var count: Int { nodes.count }

    /// Every stage name, in dependency order.
    public var stageNames: [String] { nodes.map(\.name) }

    /// Every stage of type `S` with its name, in dependency order: for tools that must use the
    /// graph's own stages rather than rebuild them (the benchmark trains the default profile's
    /// training cells).
    public func stages<S: Stage>(of type: S.Type) -> [(name: String, stage: S)] {
        nodes.compactMap { node in (node.stage as? S).map { (node.name, $0) } }
    }

    /// Grid names (`pipeline/grid`) that `--set` and targets accept besides stage names.
    var groupNames: [String] {
        var seen = Set<String>()
        return nodes.compactMap(\.group).filter { seen.insert($0).inserted }
    }

    /// The nodes a target list needs, with everything they depend on, in dependency order. An
    /// empty list means every pipeline. A target is a pipeline, a stage, or a grid name; a stage
    /// may be named without its pipeline when that is unambiguous.
    func selection(_ targets: [String]) throws -> [Int] {
        if targets.isEmpty { return Array(nodes.indices) }
        var wanted = Set<Int>()
        for target in targets {
            let matches = try resolve(target)
            wanted.formUnion(matches)
        }
        var needed = Set<Int>()
        var stack = Array(wanted)
        while let index = stack.popLast() {
            guard needed.insert(index).inserted else { continue }
            stack.append(contentsOf: nodes[index].inputs)
        }
        return needed.sorted()
    }

    /// The nodes named by `target`: a pipeline, a stage, or a grid, full or unqualified.
    func resolve(_ target: String) throws -> [Int] {
        if pipelineNames.contains(target) {
            return nodes.indices.filter { nodes[$0].pipeline == target }
        }
        let exact = nodes.indices.filter { nodes[$0].name == target || nodes[$0].group == target }
        if !exact.isEmpty { return exact }
        let short = nodes.indices.filter {
            nodes[$0].name.hasSuffix("/" + target) || (nodes[$0].group?.hasSuffix("/" + target) ?? false)
        }
        let owners = Set(short.map { nodes[$0].group ?? nodes[$0].name })
        if owners.count == 1 { return short }
        throw PipelineError.unknownTarget(target, known: pipelineNames + groupNames + nodes.filter { $0.group == nil }.map(\.name))
    }

    /// Consumers of each node (reverse edges).
    var consumers: [[Int]] {
        var result = Array(repeating: [Int](), count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in node.inputs { result[input].append(index) }
        }
        return result
    }
}
