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
            try output.write(to: folder.appendingPathComponent("outputs"))
            try FileManager.default.removeItem(at: scratch)
            let ended = Date()
            let manifest = try store.commit(staging: folder) { files in
                Manifest(key: key, stageName: name, material: material, outputs: files,
                         outputsDigest: Manifest.outputsDigest(files),
                         started: Self.timestamp(started), ended: Self.timestamp(ended),
                         seconds: ended.timeIntervalSince(started), environment: environment())
            }
            return .success(manifest)
        } catch {
            if let staging { try? FileManager.default.removeItem(at: staging) }
            if let error = error as? PipelineError { return .failure(error) }
            return .failure(.stageFailed(stage: node.name, message: "\(error)"))
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
