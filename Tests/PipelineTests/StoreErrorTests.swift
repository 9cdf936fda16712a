import Foundation
@testable import Pipeline
import Testing

/// Errors on the store's files are sentences that name the file and the fix, not
/// "NSCocoaErrorDomain 512" or a decoder's coding path without a file.
@Suite("store errors name the file and the fix")
struct StoreErrorTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-store-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The message of what `body` throws.
    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "(nothing thrown)"
    }

    @Test("a file where the store's folder should be")
    func fileInTheWay() throws {
        let folder = try Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        for root in [file, file.appendingPathComponent("store")] {
            let text = Self.message { _ = try Store(root: root) }
            #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Code="), "\(text)")
            #expect(text.contains(file.path) && text.contains("a file"), "\(text)")
        }
    }

    @Test("a file where the Results folder should be")
    func resultsInTheWay() throws {
        let folder = try Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let text = Self.message { try ResultsView.checkWritable(file.appendingPathComponent("Results")) }
        #expect(text.contains(file.path) && text.contains("a file where a folder should be"), "\(text)")
    }

    @Test("an unwritable place for the store")
    func unwritable() throws {
        // /proc refuses new folders even to root, for whom permission bits do not count.
        let text = Self.message { _ = try Store(root: URL(fileURLWithPath: "/proc/criticality-store")) }
        #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Code="), "\(text)")
        #expect(text.contains("/proc/criticality-store"), "\(text)")
    }

    @Test("a malformed job spec")
    func malformedSpec() throws {
        let folder = try Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(root: folder.appendingPathComponent("store"))
        let key = String(repeating: "a", count: 64)
        let url = StageSpec.url(store: store, key: key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"key": 3}"#.utf8).write(to: url)
        let text = Self.message { _ = try StageSpec.load(store: store, key: key) }
        #expect(text.contains(url.path), "\(text)")
        #expect(text.contains("criticality run"), "the fix: \(text)")
    }
}
