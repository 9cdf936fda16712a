import ArgumentParser
import Foundation
import Pipeline
import Pipelines
import Reporting

/// `criticality verify ARCHIVE [--rerun [stage…]]`: checks an archive's files against their
/// recorded digests, and optionally recomputes stages to compare their outputs.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an archive: every file against its SHA-256; with --rerun, recompute stages and compare.",
        discussion: """
        Exits non-zero naming each file that differs, is missing or was added. With --rerun, the
        named stages (default: the cheapest archived stages, each at most 10 s and 120 s together,
        as recorded when they ran) are recomputed from their archived parameters in a scratch
        store, with whatever they read, and each is reported identical or different.
        """)

    @Argument(help: "The archive zip.")
    var archive: String

    @Flag(help: "Also recompute stages from their archived parameters and compare output digests.")
    var rerun = false

    @Option(name: .customLong("stage"), help: ArgumentHelp("A stage to rerun (repeatable; default: the quick ones).", valueName: "stage"))
    var stages: [String] = []

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "For --rerun: a data set's folder as the archived run declared it, <data set>=<folder> (repeatable).", valueName: "set=folder"))
    var dataDirectoryOptions: [String] = []

    @Option(parsing: .unconditional, help: "Concurrent stages for --rerun.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: archive)
        let report: ArchiveVerifier.Report
        do {
            report = try ArchiveVerifier(archive: url).verify()
        } catch {
            throw CommandFailure(error)
        }
        for (path, reason) in report.mismatched { print("MISMATCH  \(path): \(reason)") }
        for path in report.missing { print("MISSING   \(path)") }
        for path in report.extra { print("EXTRA     \(path)") }
        print("\(report.verified.count) files verified, \(report.mismatched.count) mismatched, \(report.missing.count) missing, \(report.extra.count) extra\(report.leftOut.isEmpty ? "" : ", \(report.leftOut.count) left out when archived").")
        var failed = !report.isIntact
        if rerun {
            do {
                var rerunner = ArchiveRerun(archive: url, pipelines: allPipelines(), sources: .current(), libraries: { LibraryVersions.current() })
                rerunner.dataDirectories = try DataDirectories.parse(dataDirectoryOptions, known: optionalDataSets)
                let outcomes = try rerunner.run(stages: stages, jobs: jobs)
                for outcome in outcomes { print("\(outcome.verdict.uppercased().padding(toLength: 10, withPad: " ", startingAt: 0))\(outcome.stage): \(outcome.detail)") }
                let identical = outcomes.filter { $0.verdict == "identical" }.count
                print("rerun: \(identical) of \(outcomes.count) stages identical.")
                if identical != outcomes.count { failed = true }
            } catch {
                throw CommandFailure(error)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
