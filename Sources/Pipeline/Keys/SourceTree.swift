import Foundation
import Synchronization

/// The checkout whose source files stages depend on, with a digest per code dependency.
///
/// Digests are read from the files at run time (not baked in at build time), so `status` can
/// say which module changed. Each path is hashed once per process.
public final class SourceTree: Sendable {
    /// The folder holding `Sources/`.
    public let root: URL
    private let cache = Mutex<[String: String]>([:])

    /// A source tree rooted at `root`.
    public init(root: URL) { self.root = root }

    /// The checkout this binary was built from, or `$CRITICALITY_SOURCE_ROOT` when set (for a
    /// binary run away from its checkout, e.g. on cluster nodes).
    public static func current() -> SourceTree {
        if let override = ProcessInfo.processInfo.environment["CRITICALITY_SOURCE_ROOT"], !override.isEmpty {
            return SourceTree(root: URL(fileURLWithPath: override))
        }
        // #filePath is <root>/Sources/Pipeline/Keys/SourceTree.swift.
        let here = URL(fileURLWithPath: #filePath)
        return SourceTree(root: here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
    }

    /// The SHA-256 of a dependency: over each file's relative path and content digest, sorted.
    public func digest(of dependency: CodeDependency) throws -> String {
        if let known = cache.withLock({ $0[dependency.path] }) { return known }
        let url = root.appendingPathComponent(dependency.path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw PipelineError.missingSource(path: dependency.path, root: root.path)
        }
        var lines = ""
        if isDirectory.boolValue {
            for file in try Self.files(under: url) {
                lines += "\(file.relative)\0\(try SHA256Digest.ofFile(at: file.url))\n"
            }
        } else {
            lines = try SHA256Digest.ofFile(at: url)
        }
        let value = SHA256Digest.of(Data(lines.utf8))
        cache.withLock { $0[dependency.path] = value }
        return value
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
