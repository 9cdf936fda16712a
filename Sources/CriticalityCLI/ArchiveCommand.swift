import ArgumentParser
import Foundation
import Pipeline
import Reporting

/// `criticality archive`: a Workflow Run RO-Crate zip of the results with their provenance.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Pack figures, data, manifests, pipeline sources and the report into one RO-Crate zip.",
        discussion: """
        The zip is a Workflow Run RO-Crate (workflow-run-crate 0.5 on RO-Crate 1.1) with a SHA-256
        for every file; the same results give the same bytes. Check it later with
        `criticality verify <zip>`. Its author, publisher and the agent of each run come from
        CITATION.cff at the checkout's root (or --citation); with a `repository-code` there, the
        workflow, Criticality and its stage types get absolute ids under that address.
        """)

    @Argument(help: "Pipelines or stages to include (default: all).")
    var targets: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The zip to write (default: <results>/archive/criticality-<profile>.zip).", valueName: "file"))
    var output: String?

    @Flag(help: "Leave out HDF5 data files (the crate lists them, with their digests, as left out).")
    var withoutData = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Leave out result files larger than this many bytes.", valueName: "bytes"))
    var maxFileBytes: Int?

    @Option(help: ArgumentHelp("Licence URL the crate declares for its content.", valueName: "url"))
    var license = "https://spdx.org/licenses/CC-BY-4.0"

    @Option(help: ArgumentHelp("The CITATION.cff whose authors and repository the crate records (default: the checkout's).", valueName: "file"))
    var citation: String?

    func validate() throws {
        if let maxFileBytes, maxFileBytes < 0 { throw ValidationError("--max-file-bytes must be 0 or more (got \(maxFileBytes))") }
    }

    func run() throws {
        do {
            // Read first: a missing or malformed citation is reported before the store is read.
            let sources = SourceTree.current()
            let project = try citation.map { path in
                let file = URL(fileURLWithPath: path)
                return try ProjectCitation.read(in: file.deletingLastPathComponent(), named: file.lastPathComponent)
            } ?? ProjectCitation.read(in: sources.root)
            let content = try workspace.reportContent(targets: targets)
            var writer = ArchiveWriter(content: content, sources: sources)
            writer.citation = project
            writer.withoutData = withoutData
            writer.maxFileBytes = maxFileBytes
            writer.license = license
            let target = output.map { URL(fileURLWithPath: $0) }
                ?? workspace.resultsURL.appendingPathComponent("archive").appendingPathComponent("criticality-\(workspace.profile).zip")
            let written = try writer.write(to: target)
            let stale = content.stages.filter { $0.state == .stale }.count, missing = content.stages.filter { $0.state == .missing }.count
            print("Archive: \(written.archive.path) — \(written.files) files, \(written.bytes) bytes\(written.leftOut > 0 ? ", \(written.leftOut) left out" : "").")
            if project.repository == nil {
                print("note: \(project.file.path) has no repository-code, so Criticality, its stage types and the workflow keep local ids; rocrate-validator's RECOMMENDED checks \(ArchiveWriter.checksFailedWithoutRepository.map { "'\($0)'" }.joined(separator: ", ")) fail. Add `repository-code: https://…` to it to pass them.")
            }
            if stale + missing > 0 {
                print("note: \(stale) stale and \(missing) never-run stages; the archive holds their last results where there are any (`criticality status` says why).")
            }
        } catch {
            throw CommandFailure(error)
        }
    }
}
