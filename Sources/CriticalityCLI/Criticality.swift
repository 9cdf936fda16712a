import ArgumentParser
import BLASKernel
import Foundation
import Pipeline

/// The `criticality` command: reproduce the mean-field theory of deep networks, from equation
/// to figure.
public struct Criticality: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "criticality",
        abstract: "Reproduce the mean-field theory of deep networks, from equation to figure.",
        discussion: """
        Pipelines compute theory curves, run random-network simulations, train networks and render
        figures. Every stage is cached by the content of its parameters, code and inputs, so a
        second run computes nothing and an edited parameter reruns only what depends on it.

        Examples:
          criticality list                           the pipelines and their stages
          criticality run                            everything, default profile
          criticality run 002-layer-maps --profile quick   one pipeline, small sizes
          criticality run 002-layer-maps --set 002-layer-maps/trajectories.layers=100
          criticality status 002-layer-maps          what is stale, and why
          criticality dag 001-phase-diagram --dot | dot -Tpng > dag.png
        """,
        version: versionLine,
        subcommands: [
            RunCommand.self, StatusCommand.self, DagCommand.self, ShowCommand.self,
            ListCommand.self, CleanCommand.self, GarbageCollectCommand.self,
            ReportCommand.self, ClaimsCommand.self, ArchiveCommand.self, VerifyCommand.self, ExecCommand.self,
            TheoryCommand.self, TrainCommand.self, TrainabilityCommand.self, SimulateCommand.self,
            DoctorCommand.self,
        ]
    )

    /// "0.1.0 (OpenBLAS kernel Cooperlake: chosen by OpenBLAS; …)": the kernel decides most of
    /// a training run's speed, so a bug report that quotes the version quotes it too.
    static var versionLine: String {
        let report = KernelCorrection.report
        return "\(RunEnvironment.toolVersion) (OpenBLAS kernel \(report.kernel): \(report.explanation))"
    }

    public init() {}

    /// Parses the command line and runs the command; Foundation's file errors and decoding
    /// errors that escape a command are reworded (``PlainError``) before they are printed.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: PlainError.message(for: error).map(CommandFailure.init(message:)) ?? error)
        }
    }
}
