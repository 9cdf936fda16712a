import Foundation
import Testing
@testable import Pipeline

/// Recording the checkout's git state must not take the user's index lock: `git status` refreshes
/// and rewrites .git/index under .git/index.lock, so a `git commit` the user ran at the same
/// moment failed with "index.lock: File exists".
@Suite("run environment leaves the user's git index alone")
struct RunEnvironmentTests {
    /// A repository with one committed file whose modification time no longer matches the index,
    /// so a plain `git status` would refresh the index and write it back.
    static func repository() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try git(["init", "-q"], in: root)
        try "x\n".write(to: root.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        try git(["add", "file.txt"], in: root)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one"], in: root)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)],
                                              ofItemAtPath: root.appendingPathComponent("file.txt").path)
        return root
    }

    @discardableResult
    static func git(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the index is not rewritten")
    func indexUntouched() throws {
        let root = try Self.repository(); defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent(".git/index").path
        let before = try FileManager.default.attributesOfItem(atPath: index)
        let environment = RunEnvironment.capture(sources: SourceTree(root: root), libraries: [:])
        let after = try FileManager.default.attributesOfItem(atPath: index)
        #expect(environment.gitCommit == (try Self.git(["rev-parse", "HEAD"], in: root)))
        #expect(environment.gitDirty == false)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int, "the index was replaced (its lock taken)")
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date, "the index was rewritten")
    }

    @Test("a held index lock neither fails the capture nor is removed")
    func heldLock() throws {
        let root = try Self.repository(); defer { try? FileManager.default.removeItem(at: root) }
        let lock = root.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        let environment = RunEnvironment.capture(sources: SourceTree(root: root), libraries: [:])
        #expect(environment.gitCommit == (try Self.git(["rev-parse", "HEAD"], in: root)))
        #expect(environment.gitDirty == false)
        #expect(FileManager.default.fileExists(atPath: lock.path))
    }
}
