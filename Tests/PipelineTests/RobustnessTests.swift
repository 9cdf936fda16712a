import Foundation
import Testing
@testable import Pipeline

@Suite("Failures, corruption, locking, interruption")
struct RobustnessTests {
    @Test("a failing stage leaves no output in the store; --keep-going runs independent stages")
    func failure() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let pipeline = PipelineDefinition("fail", summary: "test") { p in
            let bad = p.add("bad", Failing())
            p.add("after", Sum(terms: [bad]))
            p.add("independent", Constant(parameters: .init(value: 1)))
        }
        let stopping = try box.run([pipeline], keepGoing: false, jobs: 1)
        #expect(stopping.failed.map(\.stage) == ["fail/bad"])
        #expect(stopping.failed.first?.message.contains("boom") == true)
        #expect(stopping.skipped == ["fail/after"])
        let staging = try FileManager.default.contentsOfDirectory(atPath: box.store.appendingPathComponent("staging").path)
        #expect(staging.isEmpty)
        let going = try box.run([pipeline], keepGoing: true, jobs: 1)
        #expect(going.ran.contains("fail/independent"))
        #expect(!FileManager.default.fileExists(atPath: box.results.appendingPathComponent("fail/bad").path))
    }

    @Test("a flipped byte in a stored output is detected, quarantined and recomputed")
    func corruption() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([3])])
        let status = try box.status([squares([3])])
        let key = try #require(status.first { $0.stage == "squares/total" }?.key)
        let file = try Store(root: box.store).outputs(key).appendingPathComponent("value.txt")
        var bytes = try Data(contentsOf: file)
        bytes[0] ^= 0x01
        try bytes.write(to: file)
        let after = try box.status([squares([3])]).first { $0.stage == "squares/total" }
        #expect(after?.reasons.first?.contains("corrupt") == true)
        let rerun = try box.run([squares([3])])
        #expect(rerun.recovered == ["squares/total"])
        #expect(rerun.ran == ["squares/total"])
        #expect(try Text.read(from: Store(root: box.store).outputs(key)).text == "9.0")
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: box.store.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 1)
    }

    @Test("a second run on a locked store is refused with a clear message")
    func locking() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try Store(root: box.store)
        let held = try StoreLock(store: box.store)
        #expect {
            try box.run([squares([1])])
        } throws: { error in
            "\(error)".contains("in use by another criticality run") && "\(error)".contains("pid \(getpid())")
        }
        withExtendedLifetime(held) {}
    }

    @Test("a Results folder that cannot be written is refused before any work")
    func unwritableResults() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        // A plain file where the folder should be: fails even for root, which ignores permissions.
        try Data("x".utf8).write(to: box.results)
        #expect {
            try box.run([squares([1])])
        } throws: { error in
            "\(error)".contains("cannot write to \(box.results.path)")
        }
        #expect(try Store(root: box.store).allKeys().isEmpty)
    }

    @Test("leftovers of a killed run are cleared and never used")
    func killedRunLeftovers() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let store = try Store(root: box.store)
        // What SIGKILL mid-stage leaves: a staging folder with a half-written output.
        let staging = try store.makeStaging()
        try Data("half".utf8).write(to: staging.appendingPathComponent("outputs/value.txt"))
        let hidden = box.results.appendingPathComponent(".staging-dead")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        let summary = try box.run([squares([2])])
        #expect(summary.ran.count == 3)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(!FileManager.default.fileExists(atPath: hidden.path))
        #expect(try Text.read(from: box.results.appendingPathComponent("squares/total")).text == "4.0")
    }

    @Test("cancelling keeps what finished; the rerun computes only the rest")
    func cancellation() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let engine = try box.engine()
        let graph = try StageGraph([squares([1, 2, 3, 4])], profile: .quick)
        struct CancelAfterFirst: ProgressSink {
            let engine: Engine
            func report(_ event: ProgressEvent) { if case .finished = event { engine.cancel() } }
        }
        #expect(throws: PipelineError.self) {
            try engine.run(graph, options: .init(jobs: 1, results: box.results), progress: CancelAfterFirst(engine: engine))
        }
        let rerun = try box.run([squares([1, 2, 3, 4])])
        #expect(rerun.ran.count == 8)
        #expect(rerun.upToDate == 1)
    }

    @Test("gc drops entries no stage refers to and keeps current ones")
    func garbageCollection() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2])])
        _ = try box.run([squares([1, 3])])
        let freed = try box.engine().collectGarbage()
        // The first run's cell x=2, its square (4) and its total (5) are no longer referenced.
        #expect(freed.entries == 3)
        #expect(try box.run([squares([1, 3])]).ran.isEmpty)
    }
}
