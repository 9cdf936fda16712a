import Foundation
import Synchronization
import Testing
@testable import Pipeline

@Suite("The Results view: checked, restored, owned by one store and profile")
struct ResultsViewTests {
    @Test("deleted, emptied and edited Results files are restored; the edit is kept beside, with a warning")
    func restoresDamage() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2])])
        let total = box.results.appendingPathComponent("squares/total/value.txt")
        let square = box.results.appendingPathComponent("squares/square0/value.txt")
        let cell = box.results.appendingPathComponent("squares/cells/x=2.0/value.txt")
        try FileManager.default.removeItem(at: cell)
        try Data().write(to: square)
        try Data("my own note".utf8).write(to: total)
        let warnings = RecordedWarnings()
        let rerun = try box.run([squares([1, 2])], progress: warnings)
        #expect(rerun.ran.isEmpty)
        #expect(try String(contentsOf: cell, encoding: .utf8) == "2.0")
        #expect(try String(contentsOf: square, encoding: .utf8) == "1.0")
        #expect(try String(contentsOf: total, encoding: .utf8) == "5.0")
        #expect(try String(contentsOf: URL(fileURLWithPath: total.path + ".edited-1"), encoding: .utf8) == "my own note")
        #expect(warnings.all.contains { $0.contains("squares/total/value.txt") && $0.contains("value.txt.edited-1") })
        // A second edit of the same file gets the next free name; the first stays.
        try Data("second".utf8).write(to: total)
        _ = try box.run([squares([1, 2])])
        #expect(try String(contentsOf: URL(fileURLWithPath: total.path + ".edited-2"), encoding: .utf8) == "second")
        #expect(try String(contentsOf: URL(fileURLWithPath: total.path + ".edited-1"), encoding: .utf8) == "my own note")
    }

    @Test("a touched but unchanged file is re-hashed, not replaced")
    func touchedFile() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1])])
        let total = box.results.appendingPathComponent("squares/total/value.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: total.path)
        let warnings = RecordedWarnings()
        _ = try box.run([squares([1])], progress: warnings)
        #expect(warnings.all.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: total.path + ".edited-1"))
    }

    @Test("a view made by another profile or another store is refused before any work, naming --results")
    func ownership() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1])])
        #expect {
            try box.run([squares([7])], profile: .default)
        } throws: { error in
            "\(error)".contains("profile quick") && "\(error)".contains("--results DIR")
        }
        let elsewhere = Engine(store: try Store(root: box.root.appendingPathComponent("other-store")), sources: box.sources)
        #expect {
            try elsewhere.run(StageGraph([squares([7])], profile: .quick), options: .init(results: box.results))
        } throws: { error in
            "\(error)".contains("other-store") && "\(error)".contains("--results DIR")
        }
        #expect(try Store(root: box.root.appendingPathComponent("other-store")).allKeys().isEmpty)
        #expect(try String(contentsOf: box.results.appendingPathComponent("squares/total/value.txt"), encoding: .utf8) == "1.0")
    }

    @Test("a project folder moved or copied with its store keeps its Results: the store's identifier decides, not its path")
    func movedProject() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1])])
        let moved = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-moved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: moved) }
        try FileManager.default.copyItem(at: box.root, to: moved)
        let engine = Engine(store: try Store(root: moved.appendingPathComponent("store")), sources: SourceTree(root: moved))
        let again = try engine.run(StageGraph([squares([1])], profile: .quick), options: .init(results: moved.appendingPathComponent("Results")))
        #expect(again.ran.isEmpty && again.upToDate == again.checked)
        // A fresh store (another identifier) at the old path is still another store.
        try FileManager.default.removeItem(at: box.store)
        #expect {
            try box.run([squares([1])])
        } throws: { error in
            "\(error)".contains("--results DIR")
        }
    }

    @Test("temporaries of killed writes (.dat.nosync…, .write-probe-…, .partial-<pid>) are removed by the next run")
    func leftovers() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1])])
        let names = [".dat.nosync1a2b.x3YzQ", ".write-probe-0F1E", ".view.json.partial-4242", ".staging-dead"]
        for name in names { try Data("x".utf8).write(to: box.results.appendingPathComponent(name)) }
        try Data("mine".utf8).write(to: box.results.appendingPathComponent("notes.partial-draft"))
        _ = try box.run([squares([1])])
        let left = try FileManager.default.contentsOfDirectory(atPath: box.results.path)
        #expect(Set(left).isDisjoint(with: names))
        #expect(left.contains("notes.partial-draft"))
    }

    @Test("a stage no longer declared loses its folder, but a file the user edited there stays")
    func removedStage() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2, 3])])
        let edited = box.results.appendingPathComponent("squares/square2/value.txt")
        try Data("annotated".utf8).write(to: edited)
        let warnings = RecordedWarnings()
        _ = try box.run([squares([1, 2])], progress: warnings)
        #expect(!FileManager.default.fileExists(atPath: box.results.appendingPathComponent("squares/cells/x=3.0").path))
        #expect(try String(contentsOf: edited, encoding: .utf8) == "annotated")
        #expect(warnings.all.contains { $0.contains("square2") && $0.contains("kept") })
    }
}

/// Publishing as pipelines complete, not only when the run ends.
@Suite("Results published per pipeline")
struct ResultsPublishingTests {
    /// Notes, when the slow pipeline's stage finishes, whether the fast pipeline's Results exist.
    final class Watcher: ProgressSink {
        let results: URL
        let seen = Mutex<Bool?>(nil)
        init(results: URL) { self.results = results }
        func report(_ event: ProgressEvent) {
            if case .finished(let stage, _, _) = event, stage == "slow/wait" {
                let exists = FileManager.default.fileExists(atPath: results.appendingPathComponent("fast/one/value.txt").path)
                seen.withLock { $0 = exists }
            }
        }
    }

    @Test("a pipeline's Results appear as soon as its last stage resolves")
    func perPipeline() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let fast = PipelineDefinition("fast", summary: "test") { p in p.add("one", Constant(parameters: .init(value: 1))) }
        let slow = PipelineDefinition("slow", summary: "test") { p in p.add("wait", Sleepy(parameters: .init(seconds: 0.5, value: 2))) }
        let watcher = Watcher(results: box.results)
        _ = try box.run([slow, fast], jobs: 2, progress: watcher)
        #expect(watcher.seen.withLock { $0 } == true)
    }
}
