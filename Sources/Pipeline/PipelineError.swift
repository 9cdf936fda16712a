import Foundation

/// Everything the engine refuses or fails at, each with a message that names the problem and
/// the fix.
public enum PipelineError: Error, CustomStringConvertible, Equatable {
    case unknownTarget(String, known: [String])
    case unknownStage(String, known: [String])
    case unknownParameter(stage: String, parameter: String, known: [String])
    case wrongParameterType(stage: String, parameter: String, value: String, expected: String)
    case invalidParameter(String)
    case malformedOverride(String)
    case duplicateStage(String)
    /// A `--data-dir` option that names no known data set or no folder.
    case badDataDirectory(String, reason: String)
    /// `--set` made two grid cells compute the same thing (their labels now agree).
    case cellsCollide(name: String, first: String, second: String, overrides: [String])
    case missingSource(path: String, root: String)
    case codeChangedSinceBuild(path: String, root: String)
    case underivedCode(stage: String, hasTable: Bool)
    case storeLocked(path: String, holder: String)
    case unwritable(path: String, reason: String)
    case stageFailed(stage: String, message: String)
    case io(String)
    case noManifest(stage: String)
    case interrupted(finished: Int, remaining: Int)
    case unreadableRefs(path: String, reason: String)
    case storeReplaced(path: String)
    case resultsOfAnotherRun(path: String, store: String, profile: String, thisStore: String, thisProfile: String)

    public var description: String {
        switch self {
        case .unknownTarget(let name, let known):
            return "unknown target '\(name)'. Known pipelines and stages: \(Self.list(known)). Run `criticality list` to see them."
        case .unknownStage(let name, let known):
            return "unknown stage '\(name)' in --set. Stages: \(Self.list(known))."
        case .unknownParameter(let stage, let parameter, let known):
            return "stage \(stage) has no parameter '\(parameter)'. Its parameters: \(known.sorted().joined(separator: ", "))."
        case .wrongParameterType(let stage, let parameter, let value, let expected):
            return "--set \(stage).\(parameter)=\(value): \(expected). Give a value of the parameter's type (see `criticality show \(stage)`)."
        case .invalidParameter(let message):
            return "invalid parameter: \(message)"
        case .malformedOverride(let text):
            return "malformed --set '\(text)': expected <stage>.<parameter>=<value>, e.g. --set demo/curve.points=200"
        case .badDataDirectory(let option, let reason):
            return "--data-dir \(option): \(reason)"
        case .duplicateStage(let name):
            return "two stages are both named '\(name)' in a pipeline: give each a distinct name"
        case .cellsCollide(let name, let first, let second, let overrides):
            return "--set \(overrides.joined(separator: " --set ")) makes grid cells '\(first)' and '\(second)' the same cell '\(name)': set the parameter on one cell (--set '\(first).<parameter>=…'), or change the grid's axis in its pipeline file"
        case .missingSource(let path, let root):
            return "source folder or file '\(path)' not found under \(root): run from the Criticality checkout, or set CRITICALITY_SOURCE_ROOT to it"
        case .codeChangedSinceBuild(let path, let root):
            return "\(path) in \(root) changed since this binary was built, which would run and record the code as it was: rebuild: make build (or swift build)"
        case .underivedCode(let stage, let hasTable):
            return hasTable
                ? "stage type \(stage) is not declared in this package's targets, so its code dependencies cannot be derived: declare them in its `static let code`"
                : "stage type \(stage) has no code dependencies: this process has no built source table (call SourceTree.useBuiltTable(BuiltSources.table) first) and the stage declares none in `static let code`"
        case .storeLocked(let path, let holder):
            return "the store at \(path) is in use by another criticality run (\(holder)). Wait for it to finish, or use another store with --store DIR."
        case .unwritable(let path, let reason):
            return "cannot write to \(path): \(reason). Fix its permissions or choose another folder (--results DIR / --store DIR)."
        case .stageFailed(let stage, let message):
            return "stage \(stage) failed: \(message)"
        case .io(let message):
            return message
        case .noManifest(let stage):
            return "stage \(stage) has not been run yet with these settings, so it has no manifest: run `criticality run \(stage)` first"
        case .interrupted(let finished, let remaining):
            return "interrupted: \(finished) stage(s) finished and are kept in the store, \(remaining) not run. Run the same command again to resume."
        case .unreadableRefs(let path, let reason):
            return "cannot read \(path) (\(reason)), which says which store entries are in use: gc stops rather than delete them. Restore the file, or delete it to let gc free that pipeline's entries."
        case .storeReplaced(let path):
            return "the store at \(path) was removed or replaced during this run (its lock file is not the one this run holds): stopped, so that two runs never write one store. Run the command again."
        case .resultsOfAnotherRun(let path, let store, let profile, let thisStore, let thisProfile):
            let made = store == thisStore ? "profile \(profile)" : "store \(store), profile \(profile)"
            let this = store == thisStore ? "profile \(thisProfile)" : "store \(thisStore), profile \(thisProfile)"
            return "\(path) holds the Results of \(made), not \(this): give this run its own folder with --results DIR (or empty that one with `criticality clean`)"
        }
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(20).joined(separator: ", ")
        return names.count > 20 ? shown + ", … (\(names.count) in all)" : shown
    }
}
