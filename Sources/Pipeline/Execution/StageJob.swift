import Foundation

/// One stage execution on a worker thread: run into a staging folder, hash, write the manifest,
/// rename into the store. A stage that throws leaves nothing behind.
struct StageJob: Sendable {
    let node: StageNode
    let key: String
    let material: KeyMaterial
    let environment: @Sendable () -> RunEnvironment
    let profile: Profile
    let inputFolders: [Int: URL]
    let store: Store
    /// Runs just before the finished entry is renamed into the store (see ``Store/commit``).
    var beforeCommit: @Sendable (Manifest) throws -> Void = { _ in }

    func execute(progress: ProgressSink, cancelled: @escaping @Sendable () -> Bool) -> Result<Manifest, PipelineError> {
        let started = Date()
        var staging: URL?
        do {
            let folder = try store.makeStaging()
            staging = folder
            let scratch = folder.appendingPathComponent("scratch")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let name = node.name
            let context = StageContext(
                stageName: name, profile: profile, scratch: scratch, inputFolders: inputFolders,
                onProgress: { fraction, note in progress.report(.progress(stage: name, fraction: fraction, note: note)) },
                cancelled: cancelled)
            func open<S: Stage>(_ stage: S) throws -> any ArtifactValue { try stage.run(context) }
            let output = try open(node.stage)
            let provenance = ArtifactProvenance(kind: node.kind, parameters: material.parameters)
            try output.write(to: folder.appendingPathComponent("outputs"), provenance: provenance)
            try FileManager.default.removeItem(at: scratch)
            let ended = Date()
            let manifest = try store.commit(staging: folder, beforeRename: beforeCommit) { files in
                Manifest(key: key, stageName: name, material: material, outputs: files,
                         outputsDigest: Manifest.outputsDigest(files),
                         started: Self.timestamp(started), ended: Self.timestamp(ended),
                         seconds: ended.timeIntervalSince(started), environment: environment())
            }
            // What an earlier failure of this stage kept for inspection is superseded now.
            try? FileManager.default.removeItem(at: failedFolder)
            return .success(manifest)
        } catch PipelineError.storeReplaced(let path) {
            // Not the stage's failure: the run stops, and the store is not ours to write.
            if let staging { try? FileManager.default.removeItem(at: staging) }
            return .failure(.storeReplaced(path: path))
        } catch {
            var message = "\(error)"
            if let error = error as? PipelineError, case .stageFailed(_, let inner) = error { message = inner }
            if let staging, let kept = keepForInspection(staging) {
                message += " (what it wrote before failing is kept in \(kept.path))"
            }
            return .failure(.stageFailed(stage: node.name, message: message))
        }
    }

    /// A failed stage never reaches `entries/`; if it wrote any output (a figure script before
    /// gnuplot failed, say), the files move to `failed/<stage>` for the user to inspect.
    private func keepForInspection(_ staging: URL) -> URL? {
        defer { try? FileManager.default.removeItem(at: staging) }
        let outputs = staging.appendingPathComponent("outputs")
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: outputs.path), !items.isEmpty else { return nil }
        let target = failedFolder
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        return (try? FileManager.default.moveItem(at: outputs, to: target)) == nil ? nil : target
    }

    /// `failed/<stage name with /[]= as _>`: where a failed attempt's outputs are kept.
    private var failedFolder: URL {
        let safe = node.name.map { "/[]=".contains($0) ? "_" : $0 }
        return store.root.appendingPathComponent("failed").appendingPathComponent(String(safe))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
