import Foundation

/// One stage's state as `criticality status` reports it, with the reasons it is out of date.
public struct StageStatus: Codable, Sendable {
    /// The stage's full name.
    public var stage: String
    /// The stage type.
    public var kind: String
    /// Up to date, or stale (with reasons).
    public var state: StageState
    /// The current key, when its inputs are up to date (otherwise unknown until they run).
    public var key: String?
    /// Output files and their SHA-256, when up to date.
    public var outputs: [String: String]?
    /// Digest over the outputs, when up to date.
    public var outputsDigest: String?
    /// Why the stage would run: "parameter points changed from 100 to 200", "code of
    /// Sources/MeanField changed", "input demo/curve changed", "never run (profile quick)".
    public var reasons: [String]
}

extension Engine {
    /// The state of every stage that `targets` need, without running anything.
    public func status(_ graph: StageGraph, targets: [String] = []) throws -> [StageStatus] {
        let selected = try graph.selection(targets)
        var refs: [String: StageRefs] = [:]
        var known: [Int: EntrySummary] = [:]
        var result: [StageStatus] = []
        for index in selected {
            let node = graph.nodes[index]
            if refs[node.pipeline] == nil { refs[node.pipeline] = StageRefs.load(store: store, profile: graph.profile, pipeline: node.pipeline) }
            let statics = try rebuilder.staticMaterial(node)
            var status = StageStatus(stage: node.name, kind: node.kind, state: .stale, reasons: [])
            var material: KeyMaterial?
            if node.inputs.allSatisfy({ known[$0] != nil }) {
                let trace = try rebuilder.trace(of: index, in: graph, statics: statics, entries: known)
                material = trace.material
                status.key = trace.key
                switch trace.decision {
                case .upToDate(let manifest):
                    known[index] = manifest
                    status.state = .upToDate
                    status.outputs = manifest.outputs.mapValues(\.sha256)
                    status.outputsDigest = manifest.outputsDigest
                    result.append(status)
                    continue
                case .corrupt(let reason):
                    status.reasons.append("its store entry is corrupt (\(reason)): it will be recomputed")
                case .missing:
                    break
                }
            }
            status.reasons += explain(node: node, graph: graph, statics: statics, material: material,
                                      known: known, previous: refs[node.pipeline]?.stages[node.name] ?? refs[node.pipeline]?.stages[node.declaredName])
            result.append(status)
        }
        return result
    }

    /// Compares what the key would be made of now with the manifest of the stage's last run.
    private func explain(node: StageNode, graph: StageGraph, statics: Rebuilder.StaticMaterial, material: KeyMaterial?,
                         known: [Int: EntrySummary], previous: StageRefs.Ref?) -> [String] {
        var reasons: [String] = []
        for input in node.inputs where known[input] == nil {
            reasons.append("input \(graph.nodes[input].name) is out of date")
        }
        guard let previous else {
            reasons.append("never run with profile \(graph.profile)")
            return reasons
        }
        guard let last = store.manifest(previous.key) else {
            reasons.append("its last result (key \(previous.key.prefix(12))) is no longer in the store")
            return reasons
        }
        let before = last.material
        if before.stage != statics.kind { reasons.append("stage type changed from \(before.stage) to \(statics.kind)") }
        let old = before.parameters.flattened(), new = statics.parameters.flattened()
        for path in Set(old.keys).union(new.keys).sorted() where old[path] != new[path] {
            switch (old[path], new[path]) {
            case (let a?, let b?): reasons.append("parameter \(path) changed from \(a) to \(b)")
            case (nil, let b?): reasons.append("parameter \(path) added (\(b))")
            case (let a?, nil): reasons.append("parameter \(path) removed (was \(a))")
            default: break
            }
        }
        for path in Set(before.code.keys).union(statics.code.keys).sorted() where before.code[path] != statics.code[path] {
            if before.code[path] == nil { reasons.append("now depends on code in \(path)") }
            else if statics.code[path] == nil { reasons.append("no longer depends on code in \(path)") }
            else { reasons.append("code of \(path) changed") }
        }
        if let material {
            for (now, then) in zip(material.inputs, before.inputs) where now.outputs != then.outputs {
                reasons.append("input \(now.stage) changed")
            }
            if material.inputs.count != before.inputs.count { reasons.append("its inputs changed from \(before.inputs.count) to \(material.inputs.count)") }
            if reasons.isEmpty {
                reasons.append(previous.key == (try? material.key())
                    ? "its outputs are missing from the store"
                    : "the key recipe changed (format \(before.format) → \(KeyMaterial.formatVersion))")
            }
        }
        return reasons
    }

    /// The manifest a stage has now, or from its last run when it is stale (with `current` false).
    public func manifest(of stageName: String, in graph: StageGraph) throws -> (manifest: Manifest, current: Bool) {
        let indices = try graph.resolve(stageName)
        guard indices.count == 1, let index = indices.first else {
            throw PipelineError.unknownTarget(stageName, known: indices.map { graph.nodes[$0].name })
        }
        let node = graph.nodes[index]
        let statuses = try status(graph, targets: [node.name])
        if let mine = statuses.last, let key = mine.key, mine.state == .upToDate, let manifest = store.manifest(key) {
            return (manifest, true)
        }
        let refs = StageRefs.load(store: store, profile: graph.profile, pipeline: node.pipeline)
        if let ref = refs.stages[node.name], let manifest = store.manifest(ref.key) { return (manifest, false) }
        throw PipelineError.noManifest(stage: node.name)
    }

    /// Removes store entries that no stage's last run refers to, in any profile; returns how
    /// many entries and bytes were freed.
    public func collectGarbage(dryRun: Bool = false) throws -> (entries: Int, bytes: Int) {
        let lock = try StoreLock(store: store.root)
        defer { withExtendedLifetime(lock) {} }
        let keep = try StageRefs.allReferencedKeys(store: store)
        // gc holds the lock, so no run is writing: what staging and temporaries hold is left over.
        store.clearStaging()
        for profile in Profile.allCases { AtomicFile.removeLeftovers(in: store.root.appending(path: "refs/\(profile.rawValue)", directoryHint: .isDirectory)) }
        var entries = 0, bytes = 0
        for key in store.allKeys() where !keep.contains(key) {
            entries += 1
            for file in (try? SourceTree.files(under: store.entry(key))) ?? [] {
                bytes += (try? file.url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) ?? 0
            }
            if !dryRun { try store.remove(key) }
        }
        return (entries, bytes)
    }
}
