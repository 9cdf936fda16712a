import ArgumentParser
import Foundation
import Pipeline

/// `criticality status`: what is up to date, what is stale, and why.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say, per stage, whether it is up to date or why it would run.",
        discussion: """
        Reasons compare the current stage with its last run: a parameter changed (from a to b),
        the code of a module it depends on changed, an input changed or is itself stale, or it
        never ran with this profile. --set shows what an override would rerun, without running.
        --json lists every stage with its key and output digests.
        """)

    @Argument(help: "Pipelines, stages or grids (default: all).")
    var targets: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Machine-readable output: one object per stage.")
    var json = false

    @Flag(help: "List every stage, not only the stale ones and a count of the rest.")
    var all = false

    func run() throws {
        do {
            let statuses = try workspace.engine().status(try workspace.graph(), targets: targets)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(statuses), as: UTF8.self))
                return
            }
            let stale = statuses.filter { $0.state != .upToDate }
            for status in statuses where all || status.state != .upToDate {
                if status.state == .upToDate {
                    print("up to date  \(status.stage)  \(status.key.map { String($0.prefix(12)) } ?? "")")
                } else {
                    print("stale       \(status.stage)")
                    for reason in status.reasons { print("              - \(reason)") }
                }
            }
            print("\(statuses.count - stale.count) of \(statuses.count) stages up to date (profile \(workspace.profile)).")
        } catch let error as PipelineError {
            throw CommandFailure(error)
        }
    }
}
