import Foundation

/// Hands stages to a ``BatchExecutor`` (a cluster): each started stage's ``StageSpec`` is
/// written to the store, and every stage held at a flush goes out in one submission. Outcomes
/// are read back from the store (an entry for the key, or a recorded failure).
final class BatchStageRunner: StageRunner {
    let executor: any BatchExecutor
    let engine: Engine
    let profile: Profile
    let overrides: [String]
    let dataDirectories: DataDirectories
    let progress: ProgressSink
    let completions: CompletionQueue
    private var held: [(index: Int, item: BatchItem)] = []

    init(executor: any BatchExecutor, engine: Engine, profile: Profile, overrides: [String], dataDirectories: DataDirectories, progress: ProgressSink, completions: CompletionQueue) {
        self.executor = executor
        self.engine = engine
        self.profile = profile
        self.overrides = overrides
        self.dataDirectories = dataDirectories
        self.progress = progress
        self.completions = completions
    }

    func start(_ stage: ScheduledStage) throws {
        let parameters = try engine.rebuilder.staticMaterial(stage.node).parameters
        try StageSpec(key: stage.key, stageName: stage.node.name, profile: profile, overrides: overrides, dataDirectories: dataDirectories, parameters: parameters,
                      inputs: stage.inputKeys).save(in: engine.store)
        held.append((stage.index, BatchItem(stage: stage.node.name, key: stage.key, group: stage.node.group)))
    }

    func flush() {
        guard !held.isEmpty else { return }
        let submitted = held
        held = []
        // Its own thread: the executor blocks until the batch ends (see LocalStageRunner).
        Thread { [executor, engine, progress, completions] in
            let store = engine.store
            let reasons = executor.run(submitted.map(\.item), store: store, cancelled: { [weak engine] in engine?.isCancelled ?? true }, progress: progress)
            completions.post(submitted.map { index, item in
                if case .valid(let entry) = store.lookup(item.key) { return StageCompletion(index: index, result: .success(entry)) }
                let reason = [store.failureMessage(key: item.key), reasons[item.key]].compactMap { $0 }.joined(separator: "; ")
                return StageCompletion(index: index, result: .failure(.stageFailed(
                    stage: item.stage, message: reason.isEmpty ? "the cluster task ended without storing its result" : reason)))
            })
        }.start()
    }
}
