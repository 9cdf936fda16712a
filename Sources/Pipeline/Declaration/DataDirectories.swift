import Foundation

/// Where data sets that no Debian package installs live, as the user declared them
/// (`--data-dir cifar10=/data/cifar-10-batches-bin`). Pipelines read it while declaring, so a
/// figure that can use such a data set declares its stages only when it is given: the graph
/// depends on what the command line says, never on the environment. The folder goes into the
/// cells' parameters, so their keys say which data they saw.
public struct DataDirectories: Codable, Sendable, Hashable {
    /// Folder by data-set name (`cifar10`).
    public private(set) var folders: [String: String]

    /// The given folders (none by default).
    public init(_ folders: [String: String] = [:]) { self.folders = folders }

    /// The folder declared for a data set, if any.
    public subscript(dataSet: String) -> String? { folders[dataSet] }

    /// Parses `name=folder` options, checking each name against `known` and each folder's
    /// existence, so that a typo fails before any work rather than after an hour of training.
    public static func parse(_ options: [String], known: [String]) throws -> DataDirectories {
        var folders: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex, option.index(after: equals) != option.endIndex else {
                throw PipelineError.badDataDirectory(option, reason: "expected <data set>=<folder>, e.g. --data-dir cifar10=/data/cifar-10-batches-bin")
            }
            let name = String(option[..<equals]), folder = String(option[option.index(after: equals)...])
            guard known.contains(name) else {
                throw PipelineError.badDataDirectory(option, reason: "unknown data set '\(name)'; known: \(known.joined(separator: ", "))")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PipelineError.badDataDirectory(option, reason: "\(folder) is not a folder; give the folder that holds the data set's files")
            }
            guard folders[name] == nil else {
                throw PipelineError.badDataDirectory(option, reason: "\(name) is given twice; give one folder per data set")
            }
            // Absolute, so that the key (and a cluster task started elsewhere) means one folder.
            folders[name] = URL(fileURLWithPath: folder).standardizedFileURL.path
        }
        return DataDirectories(folders)
    }
}
