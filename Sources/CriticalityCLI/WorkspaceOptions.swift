import ArgumentParser
import Foundation
import Pipeline
import Pipelines

/// Where the store and Results live and which profile to build: shared by every command that
/// looks at pipelines.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Size of the run: quick (seconds), default (minutes), paper (hours).", valueName: "profile"))
    var profile: Profile = .default

    @Option(help: ArgumentHelp("The content-addressed store (default: $CRITICALITY_STORE, else .criticality/store).", valueName: "dir"))
    var store: String?

    @Option(help: ArgumentHelp("Where figures and data are copied for reading (default: Results).", valueName: "dir"))
    var results: String = "Results"

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a parameter without editing code: <stage>.<parameter>=<value> (repeatable). A grid name sets every cell.",
        valueName: "stage.param=value"))
    var overrides: [String] = []

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Folder of a data set no Debian package installs: <data set>=<folder> (repeatable), e.g. cifar10=/data/cifar-10-batches-bin; pipelines that can use it then declare its stages.",
        valueName: "set=folder"))
    var dataDirectoryOptions: [String] = []

    /// Checks `--data-dir` while the command line is parsed, before a command opens its store.
    func validate() throws {
        do { _ = try DataDirectories.parse(dataDirectoryOptions, known: optionalDataSets) } catch { throw ValidationError("\(error)") }
    }

    /// The `--data-dir` folders, checked (known data set, existing folder) before any work.
    func dataDirectories() throws -> DataDirectories {
        do { return try DataDirectories.parse(dataDirectoryOptions, known: optionalDataSets) } catch { throw CommandFailure(error) }
    }

    var storeURL: URL { Self.storeURL(store) }

    /// `--store`, else `$CRITICALITY_STORE`, else `.criticality/store`.
    static func storeURL(_ option: String?) -> URL {
        if let option { return URL(fileURLWithPath: option) }
        if let env = ProcessInfo.processInfo.environment["CRITICALITY_STORE"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: ".criticality/store")
    }

    var resultsURL: URL { URL(fileURLWithPath: results) }

    /// The graph of every pipeline for the profile, with overrides applied and every stage's
    /// parameters checked.
    func graph() throws -> StageGraph {
        let graph = try StageGraph(allPipelines(), profile: profile, dataDirectories: dataDirectories()).applying(overrides.map(ParameterOverride.init))
        // Before any work: an empty list or an absurd size is refused here, not trapped on mid-run.
        do { try graph.checkParameters() } catch { throw CommandFailure(error) }
        return graph
    }

    /// An engine over the store, recording library versions in manifests.
    func engine() throws -> Engine { try Self.engine(store: storeURL) }

    /// An engine over the store at `url` (for commands without a Results folder, like `exec`).
    static func engine(store url: URL) throws -> Engine {
        try requireFolderPath(url, option: "--store")
        return Engine(store: try Store(root: url), sources: .current(), libraries: { LibraryVersions.current() })
    }

    /// Refuses a folder path that runs through a file (`notes.txt/store`): creating it would fail
    /// with a Foundation error code instead of a sentence.
    static func requireFolderPath(_ url: URL, option: String) throws {
        var current = url.standardizedFileURL
        while current.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw CommandFailure(message: "\(current.path) is a file, but \(option) \(url.path) needs a folder there; pass another \(option) or move the file away.")
                }
                return
            }
            current = current.deletingLastPathComponent()
        }
    }
}

extension Profile: ExpressibleByArgument {}
