import Foundation
import Synchronization

/// Where a stage's code digests come from: the source table the binary was built with, checked
/// against the checkout when there is one; or, for stages outside the table (tests' synthetic
/// stages), the files of a checkout read at run time.
///
/// With a table, a stage's code dependencies are derived (``BuiltSourceTable``) and the digests
/// are those of the build, so a binary never stores one code's results under another code's
/// key. If the checkout it was built from is present and a dependency differs from the build,
/// the digest is refused with "rebuild: make build" instead of keying the old code's results
/// under a key the new code would not reproduce. Each path is checked once per process.
public final class SourceTree: Sendable {
    /// The folder holding `Package.swift` and `Sources/`.
    public let root: URL
    /// The sources the binary was built from, if it was built with a table.
    public let built: BuiltSourceTable?
    private let cache = Mutex<[String: String]>([:])
    private static let installed = Mutex<BuiltSourceTable?>(nil)

    /// A source tree rooted at `root`, with the build's table when there is one.
    public init(root: URL, built: BuiltSourceTable? = nil) {
        self.root = root
        self.built = built
    }

    /// Makes ``current()`` use the table generated at build time (`BuiltSources.table`): the
    /// executable calls this before any command runs. A malformed table stops the process, since
    /// no key it computed could be trusted.
    public static func useBuiltTable(_ text: String) {
        do {
            let table = try BuiltSourceTable(parsing: text)
            installed.withLock { $0 = table }
        } catch {
            fatalError("\(error)")
        }
    }

    /// The checkout this binary was built from (or `$CRITICALITY_SOURCE_ROOT`, for a binary run
    /// away from it), with the table installed by ``useBuiltTable(_:)``, if any.
    public static func current() -> SourceTree {
        let built = installed.withLock { $0 }
        if let override = ProcessInfo.processInfo.environment["CRITICALITY_SOURCE_ROOT"], !override.isEmpty {
            return SourceTree(root: URL(fileURLWithPath: override), built: built)
        }
        // #filePath is <root>/Sources/Pipeline/Keys/SourceTree.swift.
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return SourceTree(root: root, built: built)
    }

    /// A stage type's code dependencies: derived from the built table (its file, the files of
    /// its module it uses, the modules they import, closed over the target graph), plus any the
    /// stage or its output format declares in `code`.
    public func dependencies<S: Stage>(of stage: S.Type) throws -> [CodeDependency] {
        var paths = Set((S.code + S.Output.code).map(\.path))
        if let derived = built?.dependencies(ofType: String(reflecting: S.self)) { paths.formUnion(derived) }
        guard !paths.isEmpty else {
            throw PipelineError.underivedCode(stage: String(reflecting: S.self), hasTable: built != nil)
        }
        return paths.sorted().map(CodeDependency.init(path:))
    }

    /// The digest of each of a stage type's code dependencies, by path (part of its key).
    public func digests<S: Stage>(for stage: S.Type) throws -> [String: String] {
        var result: [String: String] = [:]
        for dependency in try dependencies(of: stage) { result[dependency.path] = try digest(of: dependency) }
        return result
    }

    /// The SHA-256 of a dependency: for a file its content's; for a folder, over each file's
    /// relative path and content digest, sorted. The build's files when the table has the path
    /// (refused if the checkout differs), else the checkout's.
    public func digest(of dependency: CodeDependency) throws -> String {
        if let known = cache.withLock({ $0[dependency.path] }) { return known }
        let value: String
        if let entries = built?.files(at: dependency.path), !entries.isEmpty {
            value = Self.combine(entries)
            if hasCheckout, (try? checkoutDigest(of: dependency.path)) != value {
                throw PipelineError.codeChangedSinceBuild(path: dependency.path, root: root.path)
            }
        } else {
            value = try checkoutDigest(of: dependency.path)
        }
        cache.withLock { $0[dependency.path] = value }
        return value
    }

    /// True when `root` holds a checkout to compare the build with (a cluster node may have none).
    private var hasCheckout: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
    }

    /// The digest of `path` as the checkout has it now.
    private func checkoutDigest(of path: String) throws -> String {
        let url = root.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PipelineError.missingSource(path: path, root: root.path)
        }
        if !isDirectory.boolValue { return try SHA256Digest.ofFile(at: url) }
        return Self.combine(try Self.files(under: url).map { ($0.relative, try SHA256Digest.ofFile(at: $0.url)) })
    }

    /// A file's own digest, or a folder's over its files' relative paths and digests.
    private static func combine(_ entries: [(relative: String, digest: String)]) -> String {
        if entries.count == 1, entries[0].relative.isEmpty { return entries[0].digest }
        var lines = ""
        for entry in entries { lines += "\(entry.relative)\0\(entry.digest)\n" }
        return SHA256Digest.of(Data(lines.utf8))
    }

    /// Regular files below `folder`, sorted by relative path, hidden files skipped.
    static func files(under folder: URL) throws -> [(relative: String, url: URL)] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let base = folder.standardizedFileURL.path
        var result: [(String, URL)] = []
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base) { relative.removeFirst(base.count) }
            if relative.hasPrefix("/") { relative.removeFirst() }
            result.append((relative, url))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
