import Foundation
import Testing
@testable import Pipeline

/// The scheduler alone, without a store or a stage running: ready order, release, blocking.
@Suite("Scheduler")
struct SchedulerTests {
    let graph: StageGraph
    init() throws { graph = try StageGraph([squares([1, 2])], profile: .quick) }

    func index(_ name: String) -> Int { graph.nodes.firstIndex { $0.name == "squares/" + name }! }
    func name(_ index: Int?) -> String? { index.map { String(graph.nodes[$0].name.dropFirst("squares/".count)) } }

    @Test("sources are ready first; a consumer becomes ready when its last input resolves")
    func readyOrder() {
        var scheduler = Scheduler(graph, selected: Array(graph.nodes.indices))
        #expect(name(scheduler.takeReady()) == "cells[x=1.0]")
        #expect(name(scheduler.takeReady()) == "cells[x=2.0]")
        #expect(scheduler.takeReady() == nil)
        scheduler.resolved(index("cells[x=2.0]"))
        #expect(name(scheduler.takeReady()) == "square1")
        scheduler.resolved(index("square1"))
        #expect(!scheduler.hasReady)
        scheduler.resolved(index("cells[x=1.0]"))
        #expect(name(scheduler.takeReady()) == "square0")
        scheduler.resolved(index("square0"))
        #expect(name(scheduler.takeReady()) == "total")
    }

    /// Two pipelines of many sources each: the first pipeline's consumer is taken as soon as its
    /// inputs resolve, before the second pipeline's sources, so the first completes (and is
    /// published) first. Taken in the order stages became ready, it waited for every source.
    @Test("a ready consumer of an earlier pipeline goes before the sources of a later one")
    func earlierPipelinesFinishFirst() throws {
        let two = try StageGraph([squares([1, 2], name: "first"), squares([3, 4, 5, 6], name: "second")], profile: .quick)
        var scheduler = Scheduler(two, selected: Array(two.nodes.indices))
        func take() -> String? { scheduler.takeReady().map { two.nodes[$0].name } }
        #expect(take() == "first/cells[x=1.0]")
        #expect(take() == "first/cells[x=2.0]")
        scheduler.resolved(two.nodes.firstIndex { $0.name == "first/cells[x=1.0]" }!)
        scheduler.resolved(two.nodes.firstIndex { $0.name == "first/cells[x=2.0]" }!)
        #expect(take() == "first/square0", "the first pipeline's consumer waited behind the second's sources")
    }

    @Test("a failure blocks its transitive consumers, which never become ready")
    func blocking() {
        var scheduler = Scheduler(graph, selected: Array(graph.nodes.indices))
        _ = scheduler.takeReady(); _ = scheduler.takeReady()
        #expect(scheduler.failed(index("cells[x=1.0]")).map { name($0)! } == ["square0", "total"])
        scheduler.resolved(index("cells[x=2.0]"))
        #expect(name(scheduler.takeReady()) == "square1")
        scheduler.resolved(index("square1"))
        #expect(scheduler.takeReady() == nil)
        #expect(scheduler.blocked.count == 2)
    }

    @Test("only selected stages are scheduled")
    func selection() throws {
        var scheduler = Scheduler(graph, selected: try graph.selection(["squares/square1"]))
        #expect(name(scheduler.takeReady()) == "cells[x=2.0]")
        scheduler.resolved(index("cells[x=2.0]"))
        #expect(name(scheduler.takeReady()) == "square1")
        scheduler.resolved(index("square1"))
        #expect(scheduler.takeReady() == nil)
    }
}
