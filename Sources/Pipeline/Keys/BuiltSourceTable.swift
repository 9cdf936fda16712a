import Foundation

/// The sources a binary was built from, as SourceDigestTool wrote them at build time: the
/// SHA-256 of every file of the package's targets, the target graph, the file that declares
/// each type, and each Swift file's derived code dependencies.
///
/// A stage's code dependencies are derived, not declared: its own file, the files of its module
/// whose declarations it uses (transitively), and the modules those files import, closed over
/// Package.swift's target graph. Keys carry these digests, so a binary records the code it runs
/// even when the checkout was edited after the build.
///
/// ```swift
/// let table = try BuiltSourceTable(parsing: BuiltSources.table)
/// table.dependencies(ofType: "Stages.TrainingCell")
/// // ["Sources/Stages/Training/TrainingCell.swift", …, "Sources/CTrainingKernels", "Sources/Training"]
/// ```
public struct BuiltSourceTable: Sendable {
    /// A target of Package.swift: its folder and the package targets it depends on.
    public struct Target: Sendable, Hashable {
        /// Relative to the package root, e.g. `Sources/Training`.
        public var folder: String
        /// The package targets it depends on, by name.
        public var dependencies: [String]
    }

    /// SHA-256 (hex) of each file, by path relative to the package root.
    public let files: [String: String]
    /// The targets, by name.
    public let targets: [String: Target]
    /// The file declaring each top-level type, by `Module.Type`.
    public let declarations: [String: String]
    /// Each Swift file's derived code dependencies (files and module folders).
    public let uses: [String: [String]]
    /// Every path of `files`, sorted, for finding a folder's files.
    private let sortedPaths: [String]

    /// Reads the tab-separated records SourceDigestTool writes; throws on a record it does not know.
    public init(parsing text: String) throws {
        var files: [String: String] = [:], targets: [String: Target] = [:]
        var declarations: [String: String] = [:], uses: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch (fields[0], fields.count) {
            case ("file", 3): files[fields[2]] = fields[1]
            case ("target", 3...): targets[fields[1]] = Target(folder: fields[2], dependencies: Array(fields[3...]))
            case ("declares", 3): declarations[fields[1]] = fields[2]
            case ("uses", 2...): uses[fields[1]] = Array(fields[2...])
            default: throw PipelineError.io("the built source table has a malformed record '\(line.prefix(80))': rebuild: make build")
            }
        }
        self.files = files
        self.targets = targets
        self.declarations = declarations
        self.uses = uses
        self.sortedPaths = files.keys.sorted()
    }

    /// The file declaring a type named as `String(reflecting:)` names it (`Stages.TrainingCell`,
    /// `Stages.Outer.Inner`, `Stages.Gather<Stages.Cell>`): nested types belong to their outer type.
    public func declaringFile(ofType name: String) -> String? {
        var components = name.prefix(while: { $0 != "<" }).split(separator: ".").map(String.init)
        while components.count >= 2 {
            if let file = declarations[components.joined(separator: ".")] { return file }
            components.removeLast()
        }
        return nil
    }

    /// The derived code dependencies of the type's declaring file, or nil when the type is not
    /// declared in this package's targets.
    public func dependencies(ofType name: String) -> [String]? {
        declaringFile(ofType: name).flatMap { uses[$0] }
    }

    /// The files at `path`, relative to it, with their digests: the file itself (relative path
    /// empty), or every file below a folder, sorted; empty when the table has none.
    public func files(at path: String) -> [(relative: String, digest: String)] {
        if let digest = files[path] { return [("", digest)] }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var index = sortedPaths.partitioningIndex { $0 >= prefix }
        var result: [(String, String)] = []
        while index < sortedPaths.count, sortedPaths[index].hasPrefix(prefix) {
            result.append((String(sortedPaths[index].dropFirst(prefix.count)), files[sortedPaths[index]]!))
            index += 1
        }
        return result
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true over the array.
    fileprivate func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
