import ArgumentParser
import Foundation

/// `criticality clean`: removes the Results view (and with --store, the cache).
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the copies in Results/ (the store keeps every entry, so the next run only copies them back).")

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Also delete the store: everything will be computed again.")
    var store = false

    func run() throws {
        let manager = FileManager.default
        let results = workspace.resultsURL
        var removed = 0
        for item in (try? manager.contentsOfDirectory(atPath: results.path)) ?? [] where item != "README.md" {
            try manager.removeItem(at: results.appendingPathComponent(item))
            removed += 1
        }
        print("Removed \(removed) item(s) from \(results.path).")
        if store {
            if manager.fileExists(atPath: workspace.storeURL.path) { try manager.removeItem(at: workspace.storeURL) }
            print("Removed the store at \(workspace.storeURL.path).")
        }
    }
}
