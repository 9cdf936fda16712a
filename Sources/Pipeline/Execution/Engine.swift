import Foundation
import Synchronization

/// Runs stage graphs against a store: decides what is up to date, runs the rest with bounded
/// concurrency, records manifests and refreshes the Results view.
///
/// A stage's key is known only once its inputs' output digests are (their entries exist), so
/// keys are computed as the run proceeds; a producer that reruns and writes the same bytes gives
/// its consumers the same keys, and they stay cached (early cutoff).
///
/// ```swift
/// let engine = try Engine(store: Store(root: storeURL), sources: .current())
/// let summary = try engine.run(graph, targets: ["demo"], options: .init(jobs: 2), progress: ConsoleProgress())
/// ```
public final class Engine: Sendable {
    /// Where entries live.
    public let store: Store
    /// The checkout whose code digests go into keys.
    public let sources: SourceTree
    /// Library versions for manifests (HDF5, OpenBLAS, gnuplot …), asked for only when a stage
    /// runs: finding them spawns processes, which a no-op rerun should not pay for.
    let libraries: @Sendable () -> [String: String]
    private let cancelled = Atomic<Bool>(false)
    private let environment = Mutex<RunEnvironment?>(nil)

    /// An engine over `store`; `libraries` reports the versions of what the stages link.
    public init(store: Store, sources: SourceTree, libraries: @escaping @Sendable () -> [String: String] = { [:] }) {
        self.store = store
        self.sources = sources
        self.libraries = libraries
    }

    /// The run environment, captured once, on first use.
    func runEnvironment() -> RunEnvironment {
        environment.withLock { cached in
            if let cached { return cached }
            let captured = RunEnvironment.capture(sources: sources, libraries: libraries())
            cached = captured
            return captured
        }
    }

    /// Asks a run in progress to stop launching stages; running ones finish and are kept.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// True once ``cancel()`` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    // MARK: Keys

    /// The parts of a node's key that do not depend on its inputs.
    struct StaticMaterial: Sendable {
        let kind: String
        let parameters: JSONValue
        let code: [String: String]
    }

    func staticMaterial(_ node: StageNode) throws -> StaticMaterial {
        func open<S: Stage>(_ stage: S) throws -> StaticMaterial {
            let code = try sources.digests(for: S.self)
            return StaticMaterial(kind: S.kind, parameters: try JSONValue.parse(CanonicalJSON.encode(stage.parameters)), code: code)
        }
        return try open(node.stage)
    }

    static func material(_ s: StaticMaterial, inputs: [KeyMaterial.InputDigest]) -> KeyMaterial {
        KeyMaterial(stage: s.kind, parameters: s.parameters, code: s.code, inputs: inputs)
    }

    // MARK: Run

    /// How a run behaves.
    public struct Options: Sendable {
        /// Stages running at once.
        public var jobs: Int
        /// Go on with independent stages after a failure.
        public var keepGoing: Bool
        /// Where to refresh the Results view; nil leaves it alone.
        public var results: URL?

        /// Options for a run.
        /// Where stages run: nil for this process's threads, or a cluster executor (then `jobs`
        /// bounds the stages submitted at once).
        public var executor: (any BatchExecutor)?

        public init(jobs: Int = 1, keepGoing: Bool = false, results: URL? = nil, executor: (any BatchExecutor)? = nil) {
            self.executor = executor
            self.jobs = max(1, jobs)
            self.keepGoing = keepGoing
            self.results = results
        }
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Stages checked (the targets and what they depend on).
        public var checked = 0
        /// Stages served from the store.
        public var upToDate = 0
        /// Stages computed.
        public var ran: [String] = []
        /// Stages that threw, with their messages.
        public var failed: [(stage: String, message: String)] = []
        /// Stages not run because an input failed or the run was interrupted.
        public var skipped: [String] = []
        /// Corrupt entries found, moved to quarantine and recomputed.
        public var recovered: [String] = []
        /// Wall time of the whole run.
        public var seconds = 0.0
    }

    private struct Completion: Sendable {
        let node: Int
        let result: Result<EntrySummary, PipelineError>
    }

    /// Runs what `targets` need (everything when empty) and returns what happened. Throws for
    /// problems found before any work (unknown target, unwritable folders, locked store) and when
    /// interrupted; stage failures are reported in the summary.
    public func run(_ graph: StageGraph, targets: [String] = [], options: Options = Options(),
                    progress: ProgressSink = SilentProgress()) throws -> Summary {
        let clock = Date()
        let selected = try graph.selection(targets)
        if let results = options.results { try ResultsView.checkWritable(results) }
        let lock = try StoreLock(store: store.root)
        defer { withExtendedLifetime(lock) {} }
        store.clearStaging()

        let consumers = graph.consumers
        let inSelection = Set(selected)
        var refs: [String: StageRefs] = [:]
        for pipeline in Set(selected.map { graph.nodes[$0].pipeline }) {
            refs[pipeline] = StageRefs.load(store: store, profile: graph.profile, pipeline: pipeline)
        }
        let loadedRefs = refs
        func previous(_ node: StageNode) -> StageRefs.Ref? { refs[node.pipeline]?.stages[node.name] }

        var statics: [Int: StaticMaterial] = [:]
        for index in selected { statics[index] = try staticMaterial(graph.nodes[index]) }

        var done: [Int: EntrySummary] = [:]
        var blocked = Set<Int>()
        var waiting = Dictionary(uniqueKeysWithValues: selected.map { ($0, graph.nodes[$0].inputs.count) })
        var ready = selected.filter { graph.nodes[$0].inputs.isEmpty }
        var summary = Summary()
        summary.checked = selected.count
        var running = 0
        var batch: [(Int, BatchItem)] = []
        var stopLaunching = false
        let completions = Mutex<[Completion]>([])
        let signal = DispatchSemaphore(value: 0)
        progress.report(.planned(total: selected.count, jobs: options.jobs))

        func release(_ index: Int) {
            for consumer in consumers[index] where inSelection.contains(consumer) {
                waiting[consumer]! -= 1
                if waiting[consumer] == 0 && !blocked.contains(consumer) { ready.append(consumer) }
            }
        }
        func block(_ index: Int, because reason: String) {
            var stack = consumers[index].filter { inSelection.contains($0) }
            while let next = stack.popLast() {
                guard blocked.insert(next).inserted else { continue }
                summary.skipped.append(graph.nodes[next].name)
                progress.report(.skipped(stage: graph.nodes[next].name, because: reason))
                stack += consumers[next].filter { inSelection.contains($0) }
            }
        }

        while true {
            while !stopLaunching, running < options.jobs, !ready.isEmpty {
                let index = ready.removeFirst()
                let node = graph.nodes[index]
                let inputs = node.inputs.map { KeyMaterial.InputDigest(stage: graph.nodes[$0].name, outputs: done[$0]!.outputsDigest) }
                let material = Self.material(statics[index]!, inputs: inputs)
                let key = try material.key()
                switch store.lookup(key) {
                case .valid(let manifest):
                    done[index] = manifest
                    summary.upToDate += 1
                    progress.report(.upToDate(stage: node.name))
                    release(index)
                    continue
                case .corrupt(let reason):
                    let moved = try store.quarantine(key)
                    summary.recovered.append(node.name)
                    progress.report(.warning("store entry of \(node.name) was corrupt (\(reason)); moved to \(moved.path) and recomputing"))
                case .missing:
                    break
                }
                running += 1
                progress.report(.started(stage: node.name, estimate: previous(node)?.seconds))
                if options.executor != nil {
                    let inputKeys = Dictionary(uniqueKeysWithValues: node.inputs.map { (graph.nodes[$0].name, done[$0]!.key) })
                    try StageSpec(key: key, stageName: node.name, profile: graph.profile,
                                  parameters: statics[index]!.parameters, inputs: inputKeys).save(in: store)
                    batch.append((index, BatchItem(stage: node.name, key: key, group: node.group)))
                    continue
                }
                let inputFolders = Dictionary(uniqueKeysWithValues: node.inputs.map { ($0, store.outputs(done[$0]!.key)) })
                let job = StageJob(node: node, key: key, material: material, environment: { [unowned self] in self.runEnvironment() },
                                   profile: graph.profile, inputFolders: inputFolders, store: store)
                DispatchQueue.global().async { [progress] in
                    let result = job.execute(progress: progress, cancelled: { [weak self] in self?.isCancelled ?? true }).map(EntrySummary.init)
                    completions.withLock { $0.append(Completion(node: index, result: result)) }
                    signal.signal()
                }
            }
            if let executor = options.executor, !batch.isEmpty {
                // Every ready stage goes out in one submission; the store says what came back.
                let submitted = batch
                batch = []
                DispatchQueue.global().async { [store, progress] in
                    let reasons = executor.run(submitted.map(\.1), store: store, cancelled: { [weak self] in self?.isCancelled ?? true }, progress: progress)
                    let results: [Completion] = submitted.map { index, item in
                        if case .valid(let manifest) = store.lookup(item.key) { return Completion(node: index, result: .success(manifest)) }
                        let failure = store.failureMessage(key: item.key)
                        let reason = [failure, reasons[item.key]].compactMap { $0 }.joined(separator: "; ")
                        return Completion(node: index, result: .failure(.stageFailed(stage: item.stage, message: reason.isEmpty ? "the cluster task ended without storing its result" : reason)))
                    }
                    completions.withLock { $0.append(contentsOf: results) }
                    signal.signal()
                }
            }
            if running == 0 && (ready.isEmpty || stopLaunching) { break }
            signal.wait()
            for completion in completions.withLock({ list -> [Completion] in defer { list.removeAll() }; return list }) {
                running -= 1
                let node = graph.nodes[completion.node]
                switch completion.result {
                case .success(let manifest):
                    done[completion.node] = manifest
                    summary.ran.append(node.name)
                    let same = previous(node).map { $0.outputsDigest == manifest.outputsDigest } ?? false
                    progress.report(.finished(stage: node.name, seconds: manifest.seconds, sameOutputs: same))
                    release(completion.node)
                case .failure(let error):
                    let message = error.description
                    summary.failed.append((node.name, message))
                    progress.report(.failed(stage: node.name, message: message))
                    block(completion.node, because: "input \(node.name) failed")
                    if !options.keepGoing { stopLaunching = true }
                }
            }
            if isCancelled { stopLaunching = true }
        }

        // Record what ran and refresh the view, also after a failure or an interruption, so
        // nothing finished is lost.
        for index in selected {
            guard let manifest = done[index] else { continue }
            let node = graph.nodes[index]
            refs[node.pipeline]?.stages[node.name] = StageRefs.Ref(key: manifest.key, outputsDigest: manifest.outputsDigest, seconds: manifest.seconds)
        }
        // Stages no longer declared (a grid that shrank) drop out of the refs, so gc frees them.
        let declared = Set(graph.nodes.map(\.name))
        for (pipeline, var ref) in refs {
            ref.stages = ref.stages.filter { declared.contains($0.key) }
            if ref != loadedRefs[pipeline] { try ref.save(store: store, profile: graph.profile, pipeline: pipeline) }
        }
        if let results = options.results {
            let complete = Set(graph.pipelineNames.filter { name in graph.nodes.indices.allSatisfy { graph.nodes[$0].pipeline != name || done[$0] != nil } })
            let finished = graph.nodes.indices.compactMap { index in done[index].map { (node: graph.nodes[index], key: $0.key) } }
            try ResultsView(folder: results, store: store).refresh(finished, completePipelines: complete)
        }
        summary.seconds = Date().timeIntervalSince(clock)
        if isCancelled {
            let remaining = selected.count - done.count
            if remaining > 0 { throw PipelineError.interrupted(finished: summary.ran.count, remaining: remaining) }
        }
        return summary
    }
}
