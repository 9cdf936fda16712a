import ChildProcess
import Foundation

/// Runs batches of stages as SLURM job arrays: one array per batch, `cellsPerTask` stages per
/// array task, each task one `criticality exec KEY…` against the shared store. The driver follows
/// the job with `squeue` (no accounting needed) and learns each stage's outcome from the store.
///
/// Job scripts and logs go to `<store>/slurm/<job folder>/` (`job.sh`, `tasks.txt`,
/// `task-<job>_<index>.log`), so a user can read what was submitted and why a task failed.
public struct SlurmExecutor: BatchExecutor {
    /// sbatch options.
    public struct Options: Sendable, Equatable {
        public var partition: String?
        public var time: String?
        public var memory: String?
        public var cpusPerTask: Int?
        /// Passed to sbatch as they are (`--account=…`, `--qos=…`).
        public var extraArguments: [String] = []
        /// Stages per array task: batching amortises scheduler latency over small cells.
        public var cellsPerTask = 1
        /// Seconds between `squeue` polls.
        public var pollInterval = 0.5

        public init() {}
    }

    public let options: Options
    /// The `criticality` binary the tasks run (on a cluster, a path every node sees).
    public let executable: String
    /// Environment variables the tasks need (sbatch exports the submitting environment too).
    public let environment: [String: String]

    public init(options: Options, executable: String, environment: [String: String] = [:]) {
        self.options = options
        self.executable = executable
        self.environment = environment
    }

    /// Why the cluster cannot take work.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public func validate() throws {
        for command in ["sbatch", "squeue", "scancel", "sinfo"] where Self.which(command) == nil {
            throw Unavailable(description: "`\(command)` is not on PATH: --executor slurm needs the SLURM client commands. Install slurm-client (Debian) or load your site's SLURM module; for a local test cluster run `scripts/slurm-local start` and `eval \"$(scripts/slurm-local env)\"`.")
        }
        let info = try Self.command("sinfo", ["-h", "-o", "%P"])
        guard info.status == 0 else {
            throw Unavailable(description: "sinfo cannot reach the SLURM controller (\(info.errors.trimmingCharacters(in: .whitespacesAndNewlines))). Is SLURM_CONF set and slurmctld running?")
        }
        let partitions = info.output.split(separator: "\n").map { String($0).replacingOccurrences(of: "*", with: "") }
        if let partition = options.partition, !partitions.contains(partition) {
            throw Unavailable(description: "partition '\(partition)' does not exist. Partitions: \(partitions.joined(separator: ", ")).")
        }
        guard options.cellsPerTask >= 1 else { throw Unavailable(description: "--cells-per-task must be at least 1 (got \(options.cellsPerTask))") }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Unavailable(description: "the task command \(executable) is not an executable file")
        }
    }

    public func run(_ batch: [BatchItem], store: Store, cancelled: @escaping @Sendable () -> Bool,
                    progress: ProgressSink) -> [String: String] {
        let tasks = stride(from: 0, to: batch.count, by: options.cellsPerTask).map { Array(batch[$0..<min($0 + options.cellsPerTask, batch.count)]) }
        let folder = store.root.appendingPathComponent("slurm").appendingPathComponent("\(Self.stamp())-\(UUID().uuidString.prefix(8))")
        var reasons: [String: String] = [:]
        func failAll(_ message: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: batch.map { ($0.key, message) })
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(tasks.map { $0.map(\.key).joined(separator: " ") }.joined(separator: "\n").appending("\n").utf8)
                .write(to: folder.appendingPathComponent("tasks.txt"))
            let script = folder.appendingPathComponent("job.sh")
            try Data(jobScript(folder: folder, store: store, tasks: tasks.count).utf8).write(to: script)
            let submitted = try Self.command("sbatch", ["--parsable", script.path], environment: environment)
            guard submitted.status == 0, let job = submitted.output.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }), !job.isEmpty else {
                return failAll("sbatch refused the job: \(submitted.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            progress.report(.note("submitted SLURM job \(job): \(batch.count) stage\(batch.count == 1 ? "" : "s") in \(tasks.count) array task\(tasks.count == 1 ? "" : "s") (scripts and logs in \(folder.path))"))
            var cancelledJob = false
            while true {
                if cancelled() && !cancelledJob {
                    _ = try? Self.command("scancel", [job])
                    cancelledJob = true
                    progress.report(.note("cancelled SLURM job \(job) (scancel)"))
                }
                let queue = try Self.command("squeue", ["-h", "-j", job, "-o", "%i %T"])
                let active = queue.output.split(separator: "\n").filter { line in
                    ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING"].contains { line.hasSuffix($0) }
                }
                if queue.status == 0 && active.isEmpty { break }
                if queue.status != 0 && queue.errors.contains("Invalid job id") { break }
                usleep(UInt32(options.pollInterval * 1e6))
            }
            for (index, task) in tasks.enumerated() {
                let log = folder.appendingPathComponent("task-\(job)_\(index).log")
                for item in task where !store.hasEntry(item.key) {
                    var reason = "SLURM task \(job)_\(index)\(cancelledJob ? " (cancelled)" : ""), log \(log.path)"
                    if store.failureMessage(key: item.key) == nil {
                        // Killed or never started: the log's last lines are all there is to say.
                        let tail = (try? String(contentsOf: log, encoding: .utf8)).map { $0.split(separator: "\n").suffix(2).joined(separator: " | ") }
                        reason += tail.map { $0.isEmpty ? ": empty log" : ": \($0)" } ?? ": no log written"
                    }
                    reasons[item.key] = reason
                }
            }
        } catch {
            return failAll("could not submit to SLURM: \(error)")
        }
        return reasons
    }

    /// The job script a user can read: one array task per line of tasks.txt.
    func jobScript(folder: URL, store: Store, tasks: Int) -> String {
        var lines = ["#!/bin/bash",
                     "#SBATCH --job-name=criticality",
                     "#SBATCH --array=0-\(tasks - 1)",
                     "#SBATCH --output=\(folder.path)/task-%A_%a.log",
                     "#SBATCH --chdir=\(FileManager.default.currentDirectoryPath)"]
        if let p = options.partition { lines.append("#SBATCH --partition=\(p)") }
        if let t = options.time { lines.append("#SBATCH --time=\(t)") }
        if let m = options.memory { lines.append("#SBATCH --mem=\(m)") }
        if let c = options.cpusPerTask { lines.append("#SBATCH --cpus-per-task=\(c)") }
        for argument in options.extraArguments { lines.append("#SBATCH \(argument)") }
        lines += ["set -euo pipefail",
                  "# Each task runs the stages whose keys are on its line of tasks.txt, writing into the shared store.",
                  "keys=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" '\(folder.path)/tasks.txt')",
                  "exec '\(executable)' exec --store '\(store.root.path)' $keys", ""]
        return lines.joined(separator: "\n")
    }

    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    static func which(_ program: String) -> String? { ChildProcess.which(program) }

    struct CommandResult { let status: Int32; let output: String; let errors: String }

    static func command(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        guard let path = which(program) else { throw Unavailable(description: "`\(program)` is not on PATH") }
        // Through ChildProcess: a clean signal mask and default dispositions, so an sbatch or
        // squeue that hangs still dies with the run.
        let outcome = try ChildProcess.run(path, arguments, environment: environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
        return CommandResult(status: outcome.status, output: outcome.output, errors: outcome.errors)
    }
}
