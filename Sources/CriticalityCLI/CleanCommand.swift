import ArgumentParser
import Foundation
import Pipelines

/// `criticality clean`: removes the Results view (and with --delete-store, the cache). Only what
/// criticality made is removed; a folder that is not a view or not a store is refused.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the copies in Results/ (the store keeps every entry, so the next run only copies them back).",
        discussion: """
        Only what criticality put in the Results folder is removed (the pipelines' folders, the
        view's index, reports and archives it wrote); other files are kept and named.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Also delete the store (--store): everything will be computed again.")
    var deleteStore = false

    func run() throws {
        let manager = FileManager.default
        let results = workspace.resultsURL
        if manager.fileExists(atPath: results.path) {
            let cleanup = ResultsCleanup(folder: results, pipelines: Set(allPipelines().map(\.name)))
            // Without the view's index, only a folder holding nothing but our own items is cleaned.
            guard cleanup.isView || cleanup.kept.isEmpty else {
                throw CommandFailure(message: "\(results.path) is not a Results view (no .view.json and no pipeline folders); nothing was removed. Pass the folder `criticality run --results` writes to.")
            }
            for item in cleanup.ours + cleanup.archives { try manager.removeItem(at: results.appendingPathComponent(item)) }
            let archive = results.appendingPathComponent("archive")
            if !cleanup.archives.isEmpty, (try? manager.contentsOfDirectory(atPath: archive.path))?.isEmpty == true {
                try manager.removeItem(at: archive)
            }
            print("Removed \(cleanup.ours.count + cleanup.archives.count) item(s) from \(results.path).")
            if !cleanup.kept.isEmpty {
                print("Kept \(cleanup.kept.count) item(s) criticality did not make: \(cleanup.kept.prefix(8).joined(separator: ", "))\(cleanup.kept.count > 8 ? ", …" : "").")
            }
        } else {
            print("Nothing to remove: \(results.path) does not exist.")
        }
        if deleteStore {
            let store = workspace.storeURL
            guard manager.fileExists(atPath: store.path) else { print("No store at \(store.path)."); return }
            try StoreFolder(store).delete()
            print("Removed the store at \(store.path).")
        }
    }
}
