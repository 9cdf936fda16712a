import Foundation
import Synchronization

/// Runs stage graphs against a store. In the terms of "Build systems à la carte": the
/// ``Store`` holds values by key, the ``Rebuilder`` decides per stage (key from parameters, code
/// and input digests; up to date when a valid entry exists), the ``Scheduler`` orders stages by
/// their inputs (ready and blocked sets), and a ``StageRunner`` executes them on local threads or
/// a cluster. ``RunSession`` ties them together for one run.
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

    /// Keys and store decisions, shared by `run`, `status` and `exec`.
    var rebuilder: Rebuilder { Rebuilder(store: store, sources: sources) }

    /// A stage's kind, canonical parameters and code digests (the rebuilder's, for callers
    /// that hold an engine).
    func staticMaterial(_ node: StageNode) throws -> Rebuilder.StaticMaterial { try rebuilder.staticMaterial(node) }

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

    /// Runs what `targets` need (everything when empty) and returns what happened. Throws for
    /// problems found before any work (unknown target, unwritable folders, locked store, a
    /// Results folder of another store), when the store is replaced mid-run, and when
    /// interrupted; stage failures are reported in the summary. Never returns while a stage it
    /// started is still writing.
    public func run(_ graph: StageGraph, targets: [String] = [], options: Options = Options(),
                    progress: ProgressSink = SilentProgress()) throws -> Summary {
        let clock = Date()
        let selected = try graph.selection(targets)
        let lock = try StoreLock(store: store.root)
        defer { lock.release() }
        let view = try options.results.map { try ResultsView(folder: $0, store: store, profile: graph.profile, warn: { progress.report(.warning($0)) }) }
        store.clearStaging()
        let session = try RunSession(engine: self, graph: graph, selected: selected, options: options,
                                     progress: progress, view: view, lock: lock)
        try session.run()
        var summary = session.summary
        summary.seconds = Date().timeIntervalSince(clock)
        if isCancelled && session.unresolved > 0 {
            throw PipelineError.interrupted(finished: summary.ran.count, remaining: session.unresolved)
        }
        return summary
    }
}
