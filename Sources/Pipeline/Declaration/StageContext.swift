import Foundation
import Synchronization

/// What a running stage sees: its inputs, a scratch folder, cancellation and progress.
public final class StageContext: Sendable {
    /// The stage's full name, e.g. `demo/curve`.
    public let stageName: String
    /// The profile being run.
    public let profile: Profile
    /// A private scratch folder, removed after the stage (outputs go through the return value).
    public let scratch: URL
    private let inputFolders: [Int: URL]
    private let onProgress: @Sendable (Double, String?) -> Void
    private let cancelled: @Sendable () -> Bool

    init(stageName: String, profile: Profile, scratch: URL, inputFolders: [Int: URL],
         onProgress: @escaping @Sendable (Double, String?) -> Void, cancelled: @escaping @Sendable () -> Bool) {
        self.stageName = stageName
        self.profile = profile
        self.scratch = scratch
        self.inputFolders = inputFolders
        self.onProgress = onProgress
        self.cancelled = cancelled
    }

    /// Reads an input's value from the store.
    public func read<V>(_ artifact: Artifact<V>) throws -> V {
        try V.read(from: folder(of: artifact))
    }

    /// The store folder holding an input's files (read-only: never write there).
    public func folder<V>(of artifact: Artifact<V>) throws -> URL {
        guard let folder = inputFolders[artifact.node] else {
            throw PipelineError.stageFailed(stage: stageName, message: "reads an artifact that is not among its inputs; declare it as a stored property of the stage")
        }
        return folder
    }

    /// Reports progress within the stage (0…1), shown on the progress line.
    public func progress(_ fraction: Double, _ note: String? = nil) { onProgress(fraction, note) }

    /// True once the user interrupted the run; long loops should stop early by throwing
    /// `CancellationError()`.
    public var isCancelled: Bool { cancelled() }
}
