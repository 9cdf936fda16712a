/// What the engine tells a progress display.
public enum ProgressEvent: Sendable {
    /// A run is about to check `total` stages, with `jobs` running at once.
    case planned(total: Int, jobs: Int)
    /// A stage found up to date in the store.
    case upToDate(stage: String)
    /// A stage started; `estimate` is its last run's wall time, if known.
    case started(stage: String, estimate: Double?)
    /// A running stage reported its own progress (0…1).
    case progress(stage: String, fraction: Double, note: String?)
    /// A stage finished and was stored.
    case finished(stage: String, seconds: Double, sameOutputs: Bool)
    /// A stage failed; its consumers will not run.
    case failed(stage: String, message: String)
    /// A stage not run because an input failed.
    case skipped(stage: String, because: String)
    /// A warning worth a line of its own (a corrupt entry recomputed, say).
    case warning(String)
    /// Something the user should see in the log (a cluster job submitted or cancelled).
    case note(String)
}

/// Receives progress events; must be safe to call from worker threads.
public protocol ProgressSink: Sendable {
    /// Handles one event.
    func report(_ event: ProgressEvent)
}

/// Discards progress (tests, benchmarks, `--quiet`).
public struct SilentProgress: ProgressSink {
    public init() {}
    public func report(_ event: ProgressEvent) {}
}
