import ArgumentParser
import Foundation
import Pipeline

/// `criticality gc`: drops store entries no stage uses.
struct GarbageCollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete store entries that no stage's last run (in any profile) refers to.",
        discussion: "After gc, reverting a parameter to a value from before the last run computes it again.")

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Only say what would be deleted.")
    var dryRun = false

    func run() throws {
        do {
            let freed = try workspace.engine().collectGarbage(dryRun: dryRun)
            let megabytes = String(format: "%.1f MB", Double(freed.bytes) / 1e6)
            print(dryRun ? "Would delete \(freed.entries) entries (\(megabytes))." : "Deleted \(freed.entries) entries (\(megabytes)).")
        } catch let error as PipelineError {
            throw CommandFailure(error)
        }
    }
}
