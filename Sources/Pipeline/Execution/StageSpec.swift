import Foundation

/// Everything needed to run one stage alone from its key, in another process or on another
/// machine that shares the store: written to `<store>/jobs/<key>.json` before a cluster task is
/// submitted, read back by `criticality exec KEY`.
public struct StageSpec: Codable, Sendable, Equatable {
    /// The key the stage must reproduce (checked before it runs: a code edit between submission
    /// and execution is caught, not silently stored under the old key).
    public var key: String
    /// The stage's full name in its pipeline.
    public var stageName: String
    public var profile: Profile
    /// The run's `--set` overrides (nil in specs written before they were recorded): applied
    /// again by the task, they give its graph the submitting run's stage names, which follow
    /// the cells' parameters.
    public var overrides: [String]?
    /// The data-set folders the run was declared with (nil in older specs: none).
    public var dataDirectories: DataDirectories?
    /// The stage's parameters as the submitting run had them (after `--set`).
    public var parameters: JSONValue
    /// The key of each input's entry, by input stage name.
    public var inputs: [String: String]

    static func url(store: Store, key: String) -> URL {
        store.root.appendingPathComponent("jobs").appendingPathComponent("\(key).json")
    }

    /// Written atomically; clears any failure recorded for the key by an earlier attempt.
    func save(in store: Store) throws {
        store.clearFailure(key: key)
        let target = Self.url(store: store, key: key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CanonicalJSON.encode(self).write(to: target, options: .atomic)
    }

    static func load(store: Store, key: String) throws -> StageSpec {
        let url = Self.url(store: store, key: key)
        guard let data = try? Data(contentsOf: url) else {
            throw PipelineError.stageFailed(stage: key, message: "no job spec at \(url.path): this key was not submitted by `criticality run` on this store")
        }
        do {
            return try JSONDecoder().decode(StageSpec.self, from: data)
        } catch {
            throw PipelineError.stageFailed(stage: key, message: "the job spec \(url.path) is unreadable (\(DecodingProblem.describe(error))): remove it and submit the stage again with `criticality run`")
        }
    }
}

extension Engine {
    /// Runs the stage a spec describes, alone, into the store (`criticality exec KEY`). `graph`
    /// builds the current pipelines for a profile and the run's data-set folders. Already-stored keys are not rerun. Does not
    /// take the store lock: the submitting run holds it, and entries land by rename.
    public func execute(key: String, graph build: (Profile, DataDirectories) throws -> StageGraph,
                        progress: ProgressSink = SilentProgress()) -> Result<Manifest, PipelineError> {
        // The key names files under the store (its spec, its failure note, its entry): anything
        // but a key could reach outside it ("../../x"), so it is refused before any path is made.
        guard KeyMaterial.isKey(key) else {
            return .failure(.stageFailed(stage: key, message: "'\(key)' is not a stage key (64 lowercase hex digits, as `criticality status --json` prints)"))
        }
        do {
            let spec = try StageSpec.load(store: store, key: key)
            if case .valid = store.lookup(key), let manifest = store.manifest(key) { return .success(manifest) }
            let graph = try build(spec.profile, spec.dataDirectories ?? DataDirectories()).applying((spec.overrides ?? []).map(ParameterOverride.init))
                .replacingParameters(of: spec.stageName, with: spec.parameters)
            guard let index = graph.nodes.firstIndex(where: { $0.name == spec.stageName }) else {
                throw PipelineError.unknownTarget(spec.stageName, known: graph.stageNames)
            }
            let node = graph.nodes[index]
            var inputs: [KeyMaterial.InputDigest] = []
            var folders: [Int: URL] = [:]
            for input in node.inputs {
                let name = graph.nodes[input].name
                guard let inputKey = spec.inputs[name], let manifest = store.manifest(inputKey) else {
                    throw PipelineError.stageFailed(stage: spec.stageName, message: "its input \(name) is not in the store")
                }
                inputs.append(KeyMaterial.InputDigest(stage: name, outputs: manifest.outputsDigest))
                folders[input] = store.outputs(inputKey)
            }
            let trace = try rebuilder.trace(try rebuilder.staticMaterial(node), inputs: inputs)
            let material = trace.material, recomputed = trace.key
            guard recomputed == key else {
                throw PipelineError.stageFailed(stage: spec.stageName, message:
                    "its key is \(recomputed.prefix(12)) here but \(key.prefix(12)) was submitted: the code or the pipelines changed since; run `criticality run` again")
            }
            let job = StageJob(node: node, key: key, material: material, environment: { [unowned self] in self.runEnvironment() },
                               profile: spec.profile, inputFolders: folders, store: store)
            let result = job.execute(progress: progress, cancelled: { [weak self] in self?.isCancelled ?? true })
            if case .failure(let error) = result { store.recordFailure(key: key, message: Self.message(error)) }
            return result
        } catch {
            let failure = error as? PipelineError ?? .stageFailed(stage: key, message: "\(error)")
            store.recordFailure(key: key, message: Self.message(failure))
            return .failure(failure)
        }
    }

    private static func message(_ error: PipelineError) -> String {
        if case .stageFailed(_, let message) = error { return message }
        return error.description
    }
}

extension Store {
    private func failureURL(_ key: String) -> URL {
        root.appendingPathComponent("jobs").appendingPathComponent("\(key).failed")
    }

    /// Why the last `exec` of `key` failed, if it did (the driver reports it).
    public func failureMessage(key: String) -> String? {
        (try? String(contentsOf: failureURL(key), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func recordFailure(key: String, message: String) {
        try? Data(message.utf8).write(to: failureURL(key), options: .atomic)
    }

    func clearFailure(key: String) {
        try? FileManager.default.removeItem(at: failureURL(key))
    }
}

extension Store {
    /// Whether a valid entry exists for `key` (outputs re-hashed).
    func hasEntry(_ key: String) -> Bool {
        if case .valid = lookup(key) { return true }
        return false
    }
}
