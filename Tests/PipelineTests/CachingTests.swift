import Foundation
import Testing
@testable import Pipeline

@Suite("Caching, early cutoff and grids")
struct CachingTests {
    @Test("a second run computes nothing")
    func noOpRerun() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let first = try box.run([squares([1, 2, 3])])
        #expect(first.ran.count == 7)
        let second = try box.run([squares([1, 2, 3])])
        #expect(second.ran.isEmpty)
        #expect(second.upToDate == 7)
    }

    @Test("editing one grid cell reruns that cell and its consumers only")
    func oneCellEdit() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2, 3])])
        let edited = try box.run([squares([1, 2, 4])])
        #expect(Set(edited.ran) == ["squares/cells[x=4.0]", "squares/square2", "squares/total"])
        let total = try Text.read(from: box.results.appendingPathComponent("squares/total"))
        #expect(total.text == "21.0")
    }

    @Test("reverting a parameter is served from the store")
    func revert() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2, 3])])
        _ = try box.run([squares([1, 2, 3], offset: 1)])
        let back = try box.run([squares([1, 2, 3])])
        #expect(back.ran.isEmpty)
        #expect(try Text.read(from: box.results.appendingPathComponent("squares/total")).text == "14.0")
    }

    @Test("widening a grid computes only the new cells")
    func widenGrid() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2])])
        let wider = try box.run([squares([1, 2, 3])])
        #expect(Set(wider.ran) == ["squares/cells[x=3.0]", "squares/square2", "squares/total"])
    }

    @Test("a stage that reruns and writes the same bytes does not rerun its consumers")
    func earlyCutoff() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        func pipeline(_ v: Double) -> PipelineDefinition {
            PipelineDefinition("cutoff", summary: "test") { p in
                let floor = p.add("floor", Floor(parameters: .init(value: v)))
                p.add("square", Square(input: floor))
            }
        }
        _ = try box.run([pipeline(2.2)])
        let rerun = try box.run([pipeline(2.7)])
        #expect(rerun.ran == ["cutoff/floor"])
        #expect(rerun.upToDate == 1)
    }

    @Test("editing a declared module's source reruns its stages; status says why")
    func codeChange() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1])])
        try box.editCode("// version 2\n")
        let status = try box.status([squares([1])])
        let cell = try #require(status.first { $0.stage == "squares/cells[x=1.0]" })
        #expect(cell.state == .stale)
        #expect(cell.reasons == ["code of Sources/Fake changed"])
        let consumer = try #require(status.first { $0.stage == "squares/square0" })
        #expect(consumer.reasons.contains("input squares/cells[…]".replacingOccurrences(of: "[…]", with: "[x=1.0]") + " is out of date"))
        #expect(try box.run([squares([1])]).ran.count == 3)
    }

    @Test("targets run their dependencies and nothing else")
    func targetSelection() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let summary = try box.run([squares([1, 2])], targets: ["square1"])
        #expect(Set(summary.ran) == ["squares/cells[x=2.0]", "squares/square1"])
        #expect(throws: PipelineError.self) { try box.run([squares([1])], targets: ["nope"]) }
    }

    @Test("keys ignore the pipeline file: the same stage in two pipelines shares one entry")
    func sharedEntries() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([1, 2], name: "a")])
        let other = try box.run([squares([1, 2], name: "b")])
        #expect(other.ran.isEmpty)
        #expect(FileManager.default.fileExists(atPath: box.results.appendingPathComponent("b/total/value.txt").path))
    }
}
