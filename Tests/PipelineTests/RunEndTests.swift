import Foundation
import Testing
@testable import Pipeline

/// How a run ends when something goes wrong in the engine itself, not in a stage.
@Suite("Errors inside a run")
struct RunEndTests {
    @Test("an engine error mid-run waits for the stages in flight before the store lock is released")
    func drainsBeforeThrowing() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        func pipeline(_ seconds: Double) -> PipelineDefinition {
            PipelineDefinition("drain", summary: "test") { p in
                p.add("slow", Sleepy(parameters: .init(seconds: seconds, value: seconds)))
                p.add("damaged", Constant(parameters: .init(value: 1)))
            }
        }
        _ = try box.run([pipeline(0.01)])
        let store = try Store(root: box.store)
        let damaged = try #require(try box.status([pipeline(0.01)]).first { $0.stage == "drain/damaged" }?.key)
        try Data().write(to: store.outputs(damaged).appendingPathComponent("value.txt"))
        // Quarantining the damaged entry fails (a file where the folder should be): an engine
        // error while "slow" is still running.
        let engine = try box.engine()
        try FileManager.default.removeItem(at: box.store.appendingPathComponent("quarantine"))
        try Data("x".utf8).write(to: box.store.appendingPathComponent("quarantine"))
        #expect(throws: (any Error).self) {
            try engine.run(StageGraph([pipeline(0.8)], profile: .quick), options: .init(jobs: 2, results: box.results))
        }
        let staging = try FileManager.default.contentsOfDirectory(atPath: box.store.appendingPathComponent("staging").path)
        #expect(staging.isEmpty, "the run returned while a stage was still writing: \(staging)")
        try FileManager.default.removeItem(at: box.store.appendingPathComponent("quarantine"))
        let slow = try #require(try box.status([pipeline(0.8)]).first { $0.stage == "drain/slow" })
        #expect(slow.state == .upToDate)
        // What finished before the error is referenced, so gc keeps it.
        _ = try box.engine().collectGarbage()
        #expect(try box.status([pipeline(0.8)]).first { $0.stage == "drain/slow" }?.state == .upToDate)
    }

    @Test("a store folder removed during the run stops it with a clear error; nothing is written to its replacement")
    func storeRemoved() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let pipeline = PipelineDefinition("vanish", summary: "test") { p in
            let gone = p.add("remover", FolderRemover(parameters: .init(path: box.store.path)))
            p.add("after", Sum(terms: [gone]))
        }
        #expect {
            try box.run([pipeline])
        } throws: { error in
            "\(error)".contains("was removed or replaced during this run")
        }
        #expect(!FileManager.default.fileExists(atPath: box.store.appendingPathComponent("entries").path))
        #expect(!FileManager.default.fileExists(atPath: box.store.appendingPathComponent("refs").path))
    }

    @Test("a stage that succeeds after a failure loses its failed/ folder")
    func failedFolderCleared() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        struct Flaky: Stage {
            struct Parameters: Codable, Hashable, Sendable { var marker: String }
            static let code = fakeCode
            var parameters: Parameters
            func run(_ context: StageContext) throws -> Text { Text(text: "ok") }
        }
        // A failed attempt of "fail/bad" kept its outputs; then the stage succeeds.
        let failed = box.store.appendingPathComponent("failed/fail_bad")
        try FileManager.default.createDirectory(at: failed, withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: failed.appendingPathComponent("value.txt"))
        let pipeline = PipelineDefinition("fail", summary: "test") { p in p.add("bad", Flaky(parameters: .init(marker: "x"))) }
        #expect(try box.run([pipeline]).ran == ["fail/bad"])
        #expect(!FileManager.default.fileExists(atPath: failed.path))
    }
}
