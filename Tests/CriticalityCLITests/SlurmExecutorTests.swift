import Foundation
import Testing

/// `run --executor slurm` against a real slurmctld (`scripts/slurm-local start`; `.ci/run` starts
/// it and sets CRITICALITY_SLURM_TESTS=1). Without that variable these tests are reported as
/// skipped, never as passed; with it, an unreachable cluster fails them.
@Suite("SLURM executor, against a real cluster", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["CRITICALITY_SLURM_TESTS"] == "1",
                "needs a running cluster: scripts/slurm-local start, eval \"$(scripts/slurm-local env)\", CRITICALITY_SLURM_TESTS=1"))
struct SlurmExecutorTests {
    static let quick = ["--profile", "quick"]
    static let theory = ["001-phase-diagram", "002-depth-scales", "002-fig5-sigmoid", "002-layer-maps", "002-cnn-modes"]

    @Test("every quick pipeline through SLURM gives the local executor's keys and digests; a rerun submits nothing")
    func sameKeysAndDigests() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let targets = Self.theory + ["selftest"]
        let slurmStore = cli.folder.appendingPathComponent("slurm-store").path
        // A Results folder belongs to one store: the SLURM store's view gets its own.
        let slurmResults = cli.folder.appendingPathComponent("slurm-results").path
        let viaSlurm = try cli.run(["run"] + targets + Self.quick + ["--executor", "slurm", "--cells-per-task", "3", "--store", slurmStore, "--results", slurmResults])
        try #require(viaSlurm.status == 0, "\(viaSlurm.stderr)")
        #expect(viaSlurm.stderr.contains("submitted SLURM job"))
        let local = try cli.run(["run"] + targets + Self.quick + ["--quiet"])
        try #require(local.status == 0, "\(local.stderr)")
        let a = try cli.run(["status", "--json", "--store", slurmStore] + targets + Self.quick)
        let b = try cli.run(["status", "--json"] + targets + Self.quick)
        #expect(a.status == 0 && a.stdout == b.stdout, "status differs between the SLURM and the local store")
        #expect(a.stdout.contains("\"outputsDigest\""))
        let again = try cli.run(["run"] + targets + Self.quick + ["--executor", "slurm", "--store", slurmStore, "--results", slurmResults])
        #expect(again.status == 0 && again.stdout.contains("Nothing to do") && !again.stderr.contains("submitted"), "\(again.stderr)")
    }

    @Test("widening a grid submits only the new cells")
    func widening() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let args = ["run", "selftest", "--executor", "slurm"] + Self.quick
        #expect(try cli.run(args, environment: ["CRITICALITY_SELFTEST_CELLS": "4"]).status == 0)
        let wider = try cli.run(args, environment: ["CRITICALITY_SELFTEST_CELLS": "6"])
        #expect(wider.status == 0)
        let submissions = wider.stderr.split(separator: "\n").filter { $0.hasPrefix("submitted SLURM job") }
        #expect(submissions.count == 2 && submissions[0].contains(": 2 stages in 2 array tasks"), "\(submissions)")
        #expect(wider.stdout.contains("7 stages: 3 ran, 4 up to date"), "\(wider.stdout)")
    }

    @Test("a failing task names the stage, the job and its log; the other cells are kept; nothing partial is stored")
    func failingTask() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let failed = try cli.run(["run", "selftest", "--executor", "slurm", "--set", "selftest/sleepers[n=2].label=fail-here"] + Self.quick + ["--keep-going"])
        #expect(failed.status != 0)
        // The cell is named after its label parameter (`n=` and the label's tail), so the --set
        // renames it; the task on the node finds it under that name.
        #expect(failed.stderr.contains("error: selftest/sleepers[n=ail-here]: stage selftest/sleepers[n=ail-here] failed: asked to fail (label fail-here); SLURM task "), "\(failed.stderr)")
        #expect(failed.stderr.contains(", log \(cli.store.path)/slurm/"))
        #expect(cli.entries().count == 3, "the three other cells are kept")
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: cli.store.appendingPathComponent("staging").path)) ?? []
        #expect(staging.isEmpty, "partial output left in staging: \(staging)")
    }

    @Test("a task killed with scancel is reported; the rerun computes only what is missing")
    func killedTask() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let slow = ["--set", "selftest/sleepers.seconds=4"]
        let (process, _, err) = try cli.start(["run", "selftest", "--executor", "slurm", "--keep-going"] + slow + Self.quick)
        var victim: String?
        #expect(cli.wait(timeout: 60) {
            victim = Self.queue().first { $0.state == "RUNNING" }?.id
            return victim != nil
        })
        let id = try #require(victim)
        _ = try Self.command("/usr/bin/env", ["scancel", id])
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(stderr.contains("SLURM task \(id), log "), "\(stderr)")
        let kept = cli.entries().count
        #expect(kept == 3, "the other cells finished")
        let rerun = try cli.run(["run", "selftest", "--executor", "slurm"] + slow + Self.quick)
        #expect(rerun.status == 0 && rerun.stdout.contains("5 stages: 2 ran, 3 up to date"), "\(rerun.stdout)\(rerun.stderr)")
    }

    @Test("Ctrl-C cancels the submitted jobs (scancel), exits 130 and leaves the store consistent")
    func interrupt() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (process, _, err) = try cli.start(["run", "selftest", "--executor", "slurm", "--set", "selftest/sleepers.seconds=60"] + Self.quick)
        #expect(cli.wait(timeout: 60) { Self.queue().contains { $0.state == "RUNNING" } })
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("cancelled SLURM job"))
        #expect(cli.wait(timeout: 30) { Self.queue().isEmpty }, "jobs still queued after Ctrl-C: \(Self.queue())")
        // The cancelled tasks stop their stages on SIGTERM and remove their staging folders.
        #expect(cli.wait(timeout: 20) {
            ((try? FileManager.default.contentsOfDirectory(atPath: cli.store.appendingPathComponent("staging").path)) ?? []).isEmpty
        }, "a cancelled task left its staging folder behind")
        #expect(cli.entries().isEmpty)
    }

    @Test("no sbatch on PATH, or a partition that does not exist: a clear error before anything is submitted")
    func badSetUp() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let noSlurm = try cli.run(["run", "selftest", "--executor", "slurm"] + Self.quick, environment: ["PATH": "/nonexistent"])
        #expect(noSlurm.status != 0 && noSlurm.stderr.contains("`sbatch` is not on PATH"), "\(noSlurm.stderr)")
        let partition = try cli.run(["run", "selftest", "--executor", "slurm", "--partition", "nosuch"] + Self.quick)
        #expect(partition.status != 0 && partition.stderr.contains("partition 'nosuch' does not exist. Partitions: debug"), "\(partition.stderr)")
        #expect(cli.entries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.store.appendingPathComponent("slurm").path))
    }

    // MARK: - helpers

    struct QueuedTask { let id: String; let state: String }

    /// This user's criticality tasks in the queue (`squeue` lists array tasks as JOB_INDEX).
    static func queue() -> [QueuedTask] {
        guard let out = try? command("/usr/bin/env", ["squeue", "-h", "-n", "criticality", "-o", "%i %T"]) else { return [] }
        return out.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? QueuedTask(id: String(parts[0]), state: String(parts[1])) : nil
        }
    }

    static func command(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `criticality exec` without a cluster: what a task does when it is handed a bad key.
@Suite("exec by key")
struct ExecCommandTests {
    @Test("a key that was never submitted is a clear error naming the spec it looked for")
    func unknownKey() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let result = try cli.run(["exec", String(repeating: "ab", count: 32)])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no job spec at") && result.stderr.contains("was not submitted by `criticality run`"), "\(result.stderr)")
    }
}
