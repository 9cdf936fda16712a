import Foundation

/// One call of ``Engine/run(_:targets:options:progress:)``: the scheduler's ready and blocked
/// sets, the rebuilder's decision for each ready stage, the stages in flight on a runner, and
/// what resolved stages leave behind (refs journal lines, Results folders). Used once, on the
/// calling thread; workers only post completions.
final class RunSession {
    private let engine: Engine
    private let graph: StageGraph
    private let selected: [Int]
    private let options: Engine.Options
    private let progress: ProgressSink
    private let view: ResultsView?
    private let lock: StoreLock
    private let completions = CompletionQueue()
    private let runner: any StageRunner

    private var scheduler: Scheduler
    private var statics: [Int: Rebuilder.StaticMaterial] = [:]
    private let loadedRefs: [String: StageRefs]
    /// Resolved stages: their entries (up to date or computed).
    private var entries: [Int: EntrySummary] = [:]
    private var inFlight = 0
    private var stopLaunching = false
    /// Selected stages of each pipeline not yet resolved, failed or blocked; at zero the
    /// pipeline's Results are published.
    private var unsettled: [String: Int] = [:]
    private var published = Set<String>()
    private(set) var summary = Engine.Summary()

    init(engine: Engine, graph: StageGraph, selected: [Int], options: Engine.Options, progress: ProgressSink,
         view: ResultsView?, lock: StoreLock) throws {
        self.engine = engine
        self.graph = graph
        self.selected = selected
        self.options = options
        self.progress = progress
        self.view = view
        self.lock = lock
        scheduler = Scheduler(graph, selected: selected)
        if let executor = options.executor {
            runner = BatchStageRunner(executor: executor, engine: engine, profile: graph.profile, overrides: graph.overrides, dataDirectories: graph.dataDirectories, progress: progress, completions: completions)
        } else {
            runner = LocalStageRunner(engine: engine, profile: graph.profile, progress: progress, completions: completions, lock: lock)
        }
        var refs: [String: StageRefs] = [:]
        for index in selected {
            let pipeline = graph.nodes[index].pipeline
            if refs[pipeline] == nil { refs[pipeline] = StageRefs.load(store: engine.store, profile: graph.profile, pipeline: pipeline) }
            unsettled[pipeline, default: 0] += 1
        }
        loadedRefs = refs
        for index in selected { statics[index] = try engine.rebuilder.staticMaterial(graph.nodes[index]) }
        summary.checked = selected.count
    }

    /// Selected stages that never resolved (failed, blocked, or not reached).
    var unresolved: Int { selected.count - entries.count }

    /// Runs the schedule to the end. Whatever ends it (the last stage, a failure without
    /// --keep-going, Ctrl-C, or an error thrown here), stages in flight are waited for before
    /// it returns, so the store lock is never released while a job still writes to staging;
    /// refs and Results then record everything that finished.
    func run() throws {
        progress.report(.planned(total: selected.count, jobs: options.jobs))
        var failure: Error?
        do {
            while true {
                try launchReady()
                runner.flush()
                if inFlight == 0 && (!scheduler.hasReady || stopLaunching) { break }
                try settle(completions.take())
                if engine.isCancelled { stopLaunching = true }
            }
        } catch {
            failure = error
            stopLaunching = true
        }
        while inFlight > 0 {
            do { try settle(completions.take()) } catch { failure = failure ?? error }
        }
        do { try finish() } catch { failure = failure ?? error }
        if let failure { throw failure }
    }

    /// Starts ready stages up to `--jobs` in flight; stages the store already holds resolve at once.
    private func launchReady() throws {
        while !stopLaunching, inFlight < options.jobs, let index = scheduler.takeReady() {
            let node = graph.nodes[index]
            let trace = try engine.rebuilder.trace(of: index, in: graph, statics: statics[index]!, entries: entries)
            switch trace.decision {
            case .upToDate(let entry):
                summary.upToDate += 1
                progress.report(.upToDate(stage: node.name))
                try resolve(index, entry, journal: true)
                continue
            case .corrupt(let reason):
                let moved = try engine.store.quarantine(trace.key)
                summary.recovered.append(node.name)
                progress.report(.warning("store entry of \(node.name) was corrupt (\(reason)); moved to \(moved.path) and recomputing"))
            case .missing:
                break
            }
            progress.report(.started(stage: node.name, estimate: previous(node)?.seconds))
            try runner.start(ScheduledStage(
                index: index, node: node, key: trace.key, material: trace.material,
                inputFolders: Dictionary(uniqueKeysWithValues: node.inputs.map { ($0, engine.store.outputs(entries[$0]!.key)) }),
                inputKeys: Dictionary(uniqueKeysWithValues: node.inputs.map { (graph.nodes[$0].name, entries[$0]!.key) }),
                previous: previous(node)))
            inFlight += 1
        }
    }

    /// Takes in finished stages. Each is counted before anything here can throw, so the drain
    /// in ``run()`` always knows how many are still in flight.
    private func settle(_ finished: [StageCompletion]) throws {
        inFlight -= finished.count
        var failure: Error?
        for completion in finished {
            let node = graph.nodes[completion.index]
            switch completion.result {
            case .success(let entry):
                summary.ran.append(node.name)
                let same = previous(node).map { $0.outputsDigest == entry.outputsDigest } ?? false
                progress.report(.finished(stage: node.name, seconds: entry.seconds, sameOutputs: same))
                // Local jobs journaled their ref before committing; cluster tasks cannot.
                do { try resolve(completion.index, entry, journal: options.executor != nil) } catch { failure = failure ?? error }
            case .failure(.storeReplaced(let path)):
                failure = failure ?? PipelineError.storeReplaced(path: path)
                do { try settleFailed(completion.index) } catch { failure = failure ?? error }
            case .failure(let error):
                summary.failed.append((node.name, error.description))
                progress.report(.failed(stage: node.name, message: error.description))
                if !options.keepGoing { stopLaunching = true }
                do { try settleFailed(completion.index) } catch { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
    }

    /// A stage failed: its consumers are blocked for good.
    private func settleFailed(_ index: Int) throws {
        let node = graph.nodes[index]
        for blocked in scheduler.failed(index) {
            summary.skipped.append(graph.nodes[blocked].name)
            progress.report(.skipped(stage: graph.nodes[blocked].name, because: "input \(node.name) failed"))
            try settled(graph.nodes[blocked].pipeline)
        }
        try settled(node.pipeline)
    }

    /// A stage's outputs are known: record its ref, release its consumers, and publish its
    /// pipeline when that was the last of it.
    private func resolve(_ index: Int, _ entry: EntrySummary, journal: Bool) throws {
        let node = graph.nodes[index]
        entries[index] = entry
        scheduler.resolved(index)
        let ref = StageRefs.Ref(key: entry.key, outputsDigest: entry.outputsDigest, seconds: entry.seconds)
        if journal && previous(node) != ref {
            try lock.verify()
            try StageRefs.record(ref, stage: node.name, store: engine.store, profile: graph.profile, pipeline: node.pipeline)
        }
        try settled(node.pipeline)
    }

    private func previous(_ node: StageNode) -> StageRefs.Ref? { loadedRefs[node.pipeline]?.stages[node.name] }

    /// One more stage of `pipeline` is settled; publishes the pipeline when none is left.
    private func settled(_ pipeline: String) throws {
        unsettled[pipeline]! -= 1
        if unsettled[pipeline] == 0 { try publish(pipeline) }
    }

    /// Copies a pipeline's resolved stages to Results; prunes folders of stages it no longer
    /// declares when every one of its stages resolved.
    private func publish(_ pipeline: String) throws {
        guard let view, published.insert(pipeline).inserted else { return }
        let nodes = graph.nodes.indices.filter { graph.nodes[$0].pipeline == pipeline }
        let items = nodes.compactMap { index in
            entries[index].map { ResultsView.Item(relative: ResultsView.relativeFolder(for: graph.nodes[index].name), key: $0.key, outputs: $0.outputs) }
        }
        let complete = nodes.allSatisfy { entries[$0] != nil }
        try lock.verify()
        try view.publish(items, declared: complete ? [pipeline: Set(nodes.map { ResultsView.relativeFolder(for: graph.nodes[$0].name) })] : [:])
    }

    /// Folds the journal into each pipeline's refs (dropping stages no longer declared, so gc
    /// frees them) and publishes the pipelines not yet published (an interrupted run's too).
    private func finish() throws {
        try lock.verify()
        let declared = Set(graph.nodes.map(\.name))
        for (pipeline, loaded) in loadedRefs {
            var refs = loaded
            for index in selected where graph.nodes[index].pipeline == pipeline {
                guard let entry = entries[index] else { continue }
                refs.stages[graph.nodes[index].name] = StageRefs.Ref(key: entry.key, outputsDigest: entry.outputsDigest, seconds: entry.seconds)
            }
            refs.stages = refs.stages.filter { declared.contains($0.key) }
            let journal = StageRefs.journalURL(store: engine.store, profile: graph.profile, pipeline: pipeline)
            if refs != loaded || FileManager.default.fileExists(atPath: journal.path) {
                try refs.save(store: engine.store, profile: graph.profile, pipeline: pipeline)
            }
        }
        for pipeline in loadedRefs.keys.sorted() { try publish(pipeline) }
    }
}
