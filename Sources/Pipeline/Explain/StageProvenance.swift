import Foundation

/// What the store knows about one stage of the current graph, for reports and archives: its
/// state, the manifest that made its current outputs (or, when stale, its last run's manifest),
/// and where its files sit in `Results/`.
public struct StageProvenance: Sendable {
    /// The stage's full name (`pipeline/stage` or `pipeline/grid[label]`).
    public var stage: String
    /// The pipeline that declares it.
    public var pipeline: String
    /// The stage type.
    public var kind: String
    /// The grid (`pipeline/grid`) it is a cell of, if any.
    public var group: String?
    /// The names of the stages it reads.
    public var inputs: [String]
    /// `current`: the outputs match the stage as declared now; `stale`: only an older run
    /// exists (with `reasons`); `missing`: the stage never ran with this profile.
    public var state: State
    /// Why it is stale or missing (empty when current).
    public var reasons: [String]
    /// The manifest of the outputs described (current or last run).
    public var manifest: Manifest?
    /// The stage's folder under `Results/`.
    public var resultsFolder: String

    /// A stage's state relative to its declaration.
    public enum State: String, Codable, Sendable { case current, stale, missing }
}

extension Engine {
    /// The provenance of every stage that `targets` need (all when empty), without running anything.
    public func provenance(_ graph: StageGraph, targets: [String] = []) throws -> [StageProvenance] {
        let statuses = try status(graph, targets: targets)
        var refs: [String: StageRefs] = [:]
        let byName = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, $0) })
        return statuses.map { status in
            let node = byName[status.stage]!
            var manifest: Manifest?
            var state = StageProvenance.State.missing
            if status.state == .upToDate, let key = status.key {
                manifest = store.manifest(key)
                state = .current
            } else {
                if refs[node.pipeline] == nil { refs[node.pipeline] = StageRefs.load(store: store, profile: graph.profile, pipeline: node.pipeline) }
                if let ref = refs[node.pipeline]?.stages[node.name], let last = store.manifest(ref.key) {
                    manifest = last
                    state = .stale
                }
            }
            return StageProvenance(stage: node.name, pipeline: node.pipeline, kind: node.kind, group: node.group,
                                   inputs: node.inputs.map { graph.nodes[$0].name }, state: state,
                                   reasons: state == .current ? [] : status.reasons, manifest: manifest,
                                   resultsFolder: ResultsView.relativeFolder(for: node.name))
        }
    }
}
