import ArgumentParser
import Foundation
import Pipeline
import Pipelines

/// `criticality exec KEY…`: runs stages alone from their keys, as a cluster task does.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run stages by key into the store (what a SLURM task runs; `run --executor slurm` submits it).",
        discussion: """
        Each KEY must have a job spec in <store>/jobs/, written by the `criticality run` that
        submitted it; its inputs must already be in the store. The stage's key is recomputed from
        the current code first, so a task never stores a result under a key it does not match.
        Does not lock the store (the submitting run holds the lock).
        """)

    @Argument(help: "Keys of the stages to run.")
    var keys: [String]

    @Option(help: ArgumentHelp("The content-addressed store (default: $CRITICALITY_STORE, else .criticality/store).", valueName: "dir"))
    var store: String?

    func validate() throws {
        // Keys become paths in the store (jobs/<key>.json, entries/<k0k1>/<key>): anything but a
        // SHA-256 in hex could name a file outside it.
        for key in keys where !KeyMaterial.isKey(key) {
            throw ValidationError("'\(key)' is not a stage key: a key is 64 lowercase hex digits (`criticality status --json` lists them)")
        }
    }

    func run() throws {
        // Not a WorkspaceOptions: one built by hand, not parsed, traps on its first option read.
        let engine = try WorkspaceOptions.engine(store: WorkspaceOptions.storeURL(store))
        // scancel (and a job's time limit) send SIGTERM before SIGKILL: stop the running stage so it
        // removes its staging folder instead of leaving it for the next run to clear.
        signal(SIGTERM, SIG_IGN)
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: DispatchQueue(label: "criticality.exec.term"))
        terminate.setEventHandler { engine.cancel() }
        terminate.resume()
        defer { terminate.cancel() }
        var failed = 0
        for key in keys where !engine.isCancelled {
            switch engine.execute(key: key, graph: { try StageGraph(allPipelines(), profile: $0, dataDirectories: $1) }) {
            case .success(let manifest):
                print("stored \(manifest.stageName) (\(key.prefix(12))) in \(String(format: "%.3f", manifest.seconds)) s")
            case .failure(let error):
                failed += 1
                FileHandle.standardError.write(Data("error: \(key.prefix(12)): \(error)\n".utf8))
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
