import Foundation

/// The SLURM executor's overhead per cell: a 100-cell grid of trivial cells (the hidden
/// `selftest` pipeline widened, sleeps set to 0) run into fresh stores by the local executor and
/// through the local cluster with and without batching, in the same run.
struct SlurmBenchmark {
    let cells = 100

    func run() throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criticality-testbed").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CommandTimer.Failed(description: "criticality-testbed not built next to the bench at \(binary): run `swift build -c release`")
        }
        var table = Table(title: "SLURM executor: \(cells) trivial cells + a gather, whole run into a fresh store",
                          header: ["executor", "wall time", "overhead per cell vs local"])
        guard CommandTimer.which("sbatch") != nil, ProcessInfo.processInfo.environment["SLURM_CONF"] != nil || FileManager.default.fileExists(atPath: "/etc/slurm/slurm.conf") else {
            table.add(["slurm", "skipped", "no cluster: run `scripts/slurm-local start` and `eval \"$(scripts/slurm-local env)\"` first"])
            return table.text
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-bench-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["CRITICALITY_SELFTEST_CELLS": "\(cells)"]
        func timed(_ store: String, _ extra: [String]) throws -> Double {
            try CommandTimer.time(binary, ["run", "selftest", "--quiet", "--profile", "quick", "--set", "selftest/sleepers.seconds=0",
                                           "--set", "selftest/join.seconds=0", "--store", folder.appendingPathComponent(store).path,
                                           "--results", folder.appendingPathComponent("Results-" + store).path] + extra,
                                  in: folder, environment: env)
        }
        let local = try timed("local", [])
        table.add(["local (\(ProcessInfo.processInfo.activeProcessorCount) jobs)", seconds(local), "—"])
        for perTask in [1, 10, 50] {
            let t = try timed("slurm-\(perTask)", ["--executor", "slurm", "--cells-per-task", "\(perTask)"])
            table.add(["slurm, \(perTask) cell\(perTask == 1 ? "" : "s") per task", seconds(t), String(format: "%.3f s", (t - local) / Double(cells + 1))])
        }
        table.add(["target", "", "< 0.500 s with batching"])
        return table.text
    }
}
