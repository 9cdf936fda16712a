import Foundation

/// A source file or folder whose content a stage's output depends on.
///
/// Paths are relative to the checkout (`Sources/MeanField`). The package's stage types get
/// theirs derived at build time (``BuiltSourceTable``); a stage declares one only for what the
/// derivation cannot see. Pipeline declaration files are never code dependencies, so editing a
/// number in `Pipelines/` changes parameters, not code digests.
///
/// ```swift
/// static let code: [CodeDependency] = [CodeDependency(path: "Sources/Stages/Data/grid.csv")]
/// ```
public struct CodeDependency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path relative to the source root, e.g. `Sources/MeanField`.
    public let path: String

    /// A dependency on a path relative to the source root.
    public init(path: String) { self.path = path }

    /// Every file of the module folder `Sources/<name>`.
    public static func module(_ name: String) -> CodeDependency { CodeDependency(path: "Sources/\(name)") }

    /// The file that calls this: `#filePath` at compile time, made relative to the source root.
    public static func thisFile(_ filePath: String = #filePath) -> CodeDependency {
        for folder in ["Sources", "Tests"] {
            if let range = filePath.range(of: "/\(folder)/", options: .backwards) {
                return CodeDependency(path: "\(folder)/" + filePath[range.upperBound...])
            }
        }
        return CodeDependency(path: filePath)
    }

    public var description: String { path }
    public static func < (a: CodeDependency, b: CodeDependency) -> Bool { a.path < b.path }
}
