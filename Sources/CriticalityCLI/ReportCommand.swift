import ArgumentParser
import Foundation
import Reporting

/// `criticality report`: the HTML report of every figure with its provenance.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write Results/report/index.html: every figure, its caption, key numbers and provenance.",
        discussion: """
        The report folder is self-contained (figures, scripts and HDF5 files are copied beside the
        page; nothing is fetched from the network). Stale or never-computed figures are shown as
        such. Nothing is computed: run `criticality run` first.
        """)

    @Argument(help: "Pipelines or stages to report on (default: all).")
    var targets: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The report folder (default: <results>/report).", valueName: "dir"))
    var output: String?

    func run() throws {
        do {
            let content = try workspace.reportContent(targets: targets)
            let folder = output.map { URL(fileURLWithPath: $0) } ?? workspace.resultsURL.appendingPathComponent("report")
            let written = try HTMLReport(content: content).write(to: folder)
            print("Report: \(written.index.path) — \(written.figures) figures (\(written.current) current, \(written.stale) stale, \(written.missing) not computed), \(written.keyNumbers) key numbers.")
        } catch {
            throw CommandFailure(error)
        }
    }
}
