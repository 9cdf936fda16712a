import Foundation

/// Runs stages somewhere other than this process's threads (a cluster), in batches: the engine
/// hands over every ready stage at once, each already described by a ``StageSpec`` in the store,
/// and learns the outcome from the store itself (an entry for the key, or not).
public protocol BatchExecutor: Sendable {
    /// Checks, before any work, that the executor can run at all (its commands exist, its
    /// options name real resources); throws an error that says what to fix.
    func validate() throws

    /// Runs the batch to the end (or until `cancelled` turns true, then cancels what it submitted)
    /// and returns, for stages that did not produce their entry, why (job id, log path).
    func run(_ batch: [BatchItem], store: Store, cancelled: @escaping @Sendable () -> Bool,
             progress: ProgressSink) -> [String: String]
}

/// One stage of a batch.
public struct BatchItem: Sendable, Hashable {
    /// The stage's full name, for messages.
    public var stage: String
    /// Its key: the spec to execute and the entry to expect.
    public var key: String
    /// The grid it is a cell of, if any.
    public var group: String?
}
