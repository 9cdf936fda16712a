import Foundation

/// Runs each stage on a thread of this process, straight into the store.
struct LocalStageRunner: StageRunner {
    let engine: Engine
    let profile: Profile
    let progress: ProgressSink
    let completions: CompletionQueue
    let lock: StoreLock

    func start(_ stage: ScheduledStage) throws {
        let store = engine.store, profile = profile, lock = lock
        var job = StageJob(node: stage.node, key: stage.key, material: stage.material,
                           environment: { [engine] in engine.runEnvironment() },
                           profile: profile, inputFolders: stage.inputFolders, store: store)
        // Last thing before the entry appears: the store must still be the one locked, and the
        // stage's ref goes to the journal first, so a kill in between never orphans the entry.
        job.beforeCommit = { manifest in
            try lock.verify()
            let ref = StageRefs.Ref(key: manifest.key, outputsDigest: manifest.outputsDigest, seconds: manifest.seconds)
            if stage.previous != ref {
                try StageRefs.record(ref, stage: stage.node.name, store: store, profile: profile, pipeline: stage.node.pipeline)
            }
        }
        // A thread of its own per stage in flight (at most --jobs): Dispatch's global queue runs
        // no more blocks than there are cores, so a stage that sleeps or waits on a process
        // would hold back the others, and a caller blocked on the queue could starve them all.
        let thread = Thread { [progress, completions, engine, job] in
            let result = job.execute(progress: progress, cancelled: { [weak engine] in engine?.isCancelled ?? true })
            completions.post([StageCompletion(index: stage.index, result: result.map(EntrySummary.init))])
        }
        thread.name = "stage \(stage.node.name)"
        thread.start()
    }

    func flush() {}
}
