import Foundation
import Synchronization
import Testing
@testable import Pipeline

/// The batch path without a cluster: a BatchExecutor that runs each submitted key with
/// `Engine.execute(key:)` in this process, as `criticality exec` would on a node.
@Suite("Batch executor path")
struct BatchRunnerTests {
    final class InProcessCluster: BatchExecutor {
        let pipelines: [PipelineDefinition]
        let sources: SourceTree
        let batches = Mutex<[[String]]>([])
        init(pipelines: [PipelineDefinition], sources: SourceTree) { self.pipelines = pipelines; self.sources = sources }
        func validate() throws {}
        func run(_ batch: [BatchItem], store: Store, cancelled: @escaping @Sendable () -> Bool, progress: ProgressSink) -> [String: String] {
            batches.withLock { $0.append(batch.map(\.stage)) }
            let node = Engine(store: store, sources: sources)
            for item in batch {
                _ = node.execute(key: item.key, graph: { [pipelines] profile, _ in try StageGraph(pipelines, profile: profile) })
            }
            return [:]
        }
    }

    @Test("stages submitted in batches give the local run's keys; a rerun submits nothing; failures are reported")
    func batches() throws {
        let local = try Sandbox(), remote = try Sandbox()
        defer { local.cleanup(); remote.cleanup() }
        _ = try local.run([squares([1, 2])])
        let cluster = InProcessCluster(pipelines: [squares([1, 2])], sources: remote.sources)
        let graph = try StageGraph([squares([1, 2])], profile: .quick)
        let summary = try remote.engine().run(graph, options: .init(jobs: 10, results: remote.results, executor: cluster))
        #expect(summary.ran.count == 5)
        // Three rounds: the cells, then the squares, then the total.
        #expect(cluster.batches.withLock { $0.map(\.count) } == [2, 2, 1])
        let keys = { (box: Sandbox) in try box.status([squares([1, 2])]).map { "\($0.stage) \($0.key ?? "")" } }
        #expect(try keys(local) == keys(remote))
        #expect(try remote.engine().run(graph, options: .init(jobs: 10, executor: cluster)).ran.isEmpty)
        #expect(cluster.batches.withLock { $0.count } == 3)

        let failing = PipelineDefinition("fail", summary: "test") { p in
            let bad = p.add("bad", Failing())
            p.add("after", Sum(terms: [bad]))
        }
        let failCluster = InProcessCluster(pipelines: [failing], sources: remote.sources)
        let failed = try remote.engine().run(StageGraph([failing], profile: .quick), options: .init(executor: failCluster))
        #expect(failed.failed.map(\.stage) == ["fail/bad"])
        #expect(failed.failed.first?.message.contains("boom") == true)
        #expect(failed.skipped == ["fail/after"])
    }

    @Test("a cluster task finds a cell that --set renamed, and its renamed inputs, as the submitting run named them")
    func renamedCellsOnTheCluster() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let cluster = InProcessCluster(pipelines: [squares([1, 2])], sources: box.sources)
        let graph = try StageGraph([squares([1, 2])], profile: .quick).applying([ParameterOverride("squares/cells[x=2.0].value=5")])
        let summary = try box.engine().run(graph, options: .init(jobs: 10, executor: cluster))
        #expect(summary.failed.isEmpty, "\(summary.failed)")
        #expect(summary.ran.contains("squares/cells[x=5.0]"))
        #expect(summary.ran.contains("squares/square1"))
    }
}

@Suite("exec KEY")
struct ExecKeyTests {
    @Test("a key that is not 64 hex digits is refused before any path is built from it (D12)")
    func pathInKey() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let engine = try box.engine()
        // As after any cluster run: jobs/ exists, so a path through it resolves.
        try FileManager.default.createDirectory(at: box.store.appendingPathComponent("jobs"), withIntermediateDirectories: true)
        let escape = "../../../escaped-\(UUID().uuidString)"
        // Where a failure note for that "key" would land: outside the store and the sandbox.
        let outside = URL(fileURLWithPath: box.store.path + "/jobs/" + escape + ".failed").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: outside) }
        for bad in [escape, String(repeating: "A", count: 64), "abc"] {
            let result = engine.execute(key: bad, graph: { profile, _ in try StageGraph([squares([1])], profile: profile) })
            guard case .failure(let error) = result else { Issue.record("\(bad) was accepted"); continue }
            #expect(error.description.contains("is not a stage key"))
        }
        #expect(!FileManager.default.fileExists(atPath: outside.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.root.path).sorted() == ["Sources", "store"])
    }
}
