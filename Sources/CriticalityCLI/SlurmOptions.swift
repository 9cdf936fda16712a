import ArgumentParser
import Foundation
import Pipeline

/// `--executor slurm` and its sbatch options, shared by `run`.
struct ExecutorOptions: ParsableArguments {
    /// Where stages run.
    enum Kind: String, ExpressibleByArgument, CaseIterable { case local, slurm }

    @Option(help: "Where stages run: local (this machine's cores) or slurm (cluster jobs; the store must be on shared storage).")
    var executor: Kind = .local

    @Option(help: "SLURM partition (default: the cluster's default).")
    var partition: String?

    @Option(help: ArgumentHelp("SLURM time limit per task (sbatch --time).", valueName: "time"))
    var time: String?

    @Option(help: ArgumentHelp("SLURM memory per task (sbatch --mem).", valueName: "size"))
    var mem: String?

    @Option(help: "SLURM CPUs per task (sbatch --cpus-per-task).")
    var cpusPerTask: Int?

    @Option(name: .customLong("slurm-arg"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An sbatch option passed through (repeatable), e.g. --slurm-arg=--account=phys.", valueName: "arg"))
    var slurmArguments: [String] = []

    @Option(help: "Grid cells (stages) per SLURM array task: batching amortises scheduler latency over small cells.")
    var cellsPerTask = 1

    /// The executor, validated against the cluster before anything is submitted; nil for local.
    func make() throws -> (any BatchExecutor)? {
        guard executor == .slurm else {
            let slurmOnly = partition != nil || time != nil || mem != nil || cpusPerTask != nil || !slurmArguments.isEmpty || cellsPerTask != 1
            if slurmOnly { throw ValidationError("--partition, --time, --mem, --cpus-per-task, --slurm-arg and --cells-per-task need --executor slurm") }
            return nil
        }
        var options = SlurmExecutor.Options()
        options.partition = partition
        options.time = time
        options.memory = mem
        options.cpusPerTask = cpusPerTask
        options.extraArguments = slurmArguments
        options.cellsPerTask = cellsPerTask
        let slurm = SlurmExecutor(options: options, executable: Self.currentExecutable(),
                                  environment: ["CRITICALITY_SOURCE_ROOT": SourceTree.current().root.path])
        try slurm.validate()
        return slurm
    }

    /// This binary's absolute path (tasks run the same build).
    static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
