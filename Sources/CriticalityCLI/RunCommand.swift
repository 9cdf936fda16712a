import ArgumentParser
import Foundation
import Pipeline

/// `criticality run [targets]`: brings targets up to date.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Bring pipelines or stages up to date, computing only what changed.",
        discussion: """
        Targets are pipelines (002-layer-maps), stages (002-layer-maps/figure) or grids (002-depth-scales/curves); with none, every
        pipeline runs. Stages whose key (parameters, code, inputs) has an entry in the store are
        not run again. Outputs are copied to Results/<pipeline>/<stage>/.

        Ctrl-C stops launching stages and lets running ones finish (a second Ctrl-C stops at
        once); run the same command again to resume.
        """)

    @Argument(help: "Pipelines, stages or grids to bring up to date (default: all).")
    var targets: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Stages to run at once (default: the number of cores; with --executor slurm, stages submitted at once, default 10000).")
    var jobs: Int?

    @Flag(help: "After a stage fails, go on with the stages that do not depend on it.")
    var keepGoing = false

    @Flag(help: "Print only the summary and errors.")
    var quiet = false

    @OptionGroup(title: "Cluster") var cluster: ExecutorOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        let graph = try workspace.graph()
        try WorkspaceOptions.requireFolderPath(workspace.resultsURL, option: "--results")
        let engine = try workspace.engine()
        let executor: (any BatchExecutor)?
        do { executor = try cluster.make() } catch { throw CommandFailure(error) }
        let jobs = self.jobs ?? (executor == nil ? ProcessInfo.processInfo.activeProcessorCount : 10_000)
        let progress: ProgressSink & Sendable = quiet ? SilentProgress() : ConsoleProgress()
        let interrupts = InterruptHandler { engine.cancel() }
        defer { interrupts.restore() }
        let summary: Engine.Summary
        do {
            summary = try engine.run(graph, targets: targets, options: .init(jobs: jobs, keepGoing: keepGoing, results: workspace.resultsURL, executor: executor), progress: progress)
        } catch let error as PipelineError {
            (progress as? ConsoleProgress)?.finish()
            if case .interrupted = error {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(130)
            }
            throw CommandFailure(error)
        }
        (progress as? ConsoleProgress)?.finish()
        print(Self.describe(summary, profile: graph.profile, results: workspace.results))
        if !summary.failed.isEmpty {
            for failure in summary.failed { FileHandle.standardError.write(Data("error: \(failure.stage): \(failure.message)\n".utf8)) }
            throw ExitCode.failure
        }
    }

    static func describe(_ s: Engine.Summary, profile: Profile, results: String) -> String {
        let time = String(format: "%.2f s", s.seconds)
        if s.ran.isEmpty && s.failed.isEmpty && s.skipped.isEmpty {
            return "Nothing to do: all \(s.checked) stages up to date (profile \(profile), \(time)). Results in \(results)/."
        }
        var parts = ["\(s.ran.count) ran", "\(s.upToDate) up to date"]
        if !s.failed.isEmpty { parts.append("\(s.failed.count) failed") }
        if !s.skipped.isEmpty { parts.append("\(s.skipped.count) skipped") }
        if !s.recovered.isEmpty { parts.append("\(s.recovered.count) corrupt entries recomputed") }
        return "\(s.checked) stages: " + parts.joined(separator: ", ") + " (profile \(profile), \(time)). Results in \(results)/."
    }
}

/// Turns engine errors into a one-line message and a non-zero exit, without a stack of types.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ error: Error) { description = PlainError.message(for: error) ?? "\(error)" }
    /// A failure stated in the command's own words.
    init(message: String) { description = message }
}
