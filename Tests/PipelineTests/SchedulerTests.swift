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
