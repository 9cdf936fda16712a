import Foundation

/// The rebuilder, as "Build systems à la carte" has it: given a stage and the output digests of
/// its inputs, the stage's key (a verifying trace: kind, parameters, code digests, input
/// digests) and whether the store holds a valid entry for it. `run`, `status` and `exec` all
/// decide through it, so they cannot disagree on a key.
struct Rebuilder: Sendable {
    let store: Store
    let sources: SourceTree

    /// The parts of a stage's key that do not depend on its inputs.
    struct StaticMaterial: Sendable {
        let kind: String
        let parameters: JSONValue
        let code: [String: String]
    }

    /// What the store says about a stage with known inputs.
    enum Decision: Sendable {
        /// A valid entry exists: the stage is up to date.
        case upToDate(EntrySummary)
        /// No entry: the stage must run.
        case missing
        /// An entry exists but is damaged (the reason says how): quarantine it, then run.
        case corrupt(String)
    }

    /// A stage's key with what it was made of, and the store's decision.
    struct Trace: Sendable {
        let key: String
        let material: KeyMaterial
        let decision: Decision
    }

    /// The kind, canonical parameters and code digests of a stage.
    func staticMaterial(_ node: StageNode) throws -> StaticMaterial {
        func open<S: Stage>(_ stage: S) throws -> StaticMaterial {
            let code = try sources.digests(for: S.self)
            return StaticMaterial(kind: S.kind, parameters: try JSONValue.parse(CanonicalJSON.encode(stage.parameters)), code: code)
        }
        return try open(node.stage)
    }

    /// The key material of a stage whose inputs (by producing stage name) have these output digests.
    func material(_ statics: StaticMaterial, inputs: [KeyMaterial.InputDigest]) -> KeyMaterial {
        KeyMaterial(stage: statics.kind, parameters: statics.parameters, code: statics.code, inputs: inputs)
    }

    /// The key of a stage and what the store holds for it.
    func trace(_ statics: StaticMaterial, inputs: [KeyMaterial.InputDigest]) throws -> Trace {
        let material = material(statics, inputs: inputs)
        let key = try material.key()
        let decision: Decision
        switch store.lookup(key) {
        case .valid(let entry): decision = .upToDate(entry)
        case .missing: decision = .missing
        case .corrupt(let reason): decision = .corrupt(reason)
        }
        return Trace(key: key, material: material, decision: decision)
    }

    /// The trace of `graph`'s node at `index` when each input's entry is known.
    func trace(of index: Int, in graph: StageGraph, statics: StaticMaterial, entries: [Int: EntrySummary]) throws -> Trace {
        let inputs = graph.nodes[index].inputs.map { KeyMaterial.InputDigest(stage: graph.nodes[$0].name, outputs: entries[$0]!.outputsDigest) }
        return try trace(statics, inputs: inputs)
    }
}
