import Foundation
import Synchronization

/// A stage the rebuilder decided to compute, with everything an executor needs.
struct ScheduledStage: Sendable {
    /// The node's index in the graph.
    let index: Int
    let node: StageNode
    let key: String
    let material: KeyMaterial
    /// The entry folder of each input, by node index (local execution reads them).
    let inputFolders: [Int: URL]
    /// The key of each input's entry, by input stage name (a batch spec records them).
    let inputKeys: [String: String]
    /// The stage's last ref, if any: its journal line is skipped when unchanged.
    let previous: StageRefs.Ref?
}

/// What became of a scheduled stage: its entry, or why there is none.
struct StageCompletion: Sendable {
    let index: Int
    let result: Result<EntrySummary, PipelineError>
}

/// Where scheduled stages run: this process's threads (``LocalStageRunner``) or a cluster
/// (``BatchStageRunner``). Outcomes arrive, in any order, in the run's ``CompletionQueue``.
protocol StageRunner {
    /// Starts a stage, or holds it for the next batch.
    func start(_ stage: ScheduledStage) throws
    /// The scheduler has nothing more ready for now: a batch runner submits what it holds.
    func flush()
}

/// Completions posted by worker threads, taken by the run's one scheduling thread.
final class CompletionQueue: Sendable {
    private let pending = Mutex<[StageCompletion]>([])
    private let posted = DispatchSemaphore(value: 0)

    /// Adds completions and wakes the scheduling thread.
    func post(_ completions: [StageCompletion]) {
        pending.withLock { $0.append(contentsOf: completions) }
        posted.signal()
    }

    /// Blocks until something was posted, then takes everything posted so far (possibly
    /// nothing, when an earlier call already took what this wake-up announced).
    func take() -> [StageCompletion] {
        posted.wait()
        return pending.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
