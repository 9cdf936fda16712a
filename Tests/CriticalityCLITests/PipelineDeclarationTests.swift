import BuiltSources
import Foundation
@testable import Pipeline
import Pipelines
import Testing

/// Pipeline files hold values and wiring: editing a number there must change parameters, never
/// a code digest (otherwise every stage of a pipeline would rerun on any edit).
@Suite("pipeline declarations")
struct PipelineDeclarationTests {
    @Test("no stage of any pipeline depends on code under Pipelines/, and every declared path exists")
    func declarationsAreNotCode() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("declarations-\(UUID())")
        defer { try? FileManager.default.removeItem(at: store) }
        SourceTree.useBuiltTable(BuiltSources.table)
        let engine = Engine(store: try Store(root: store), sources: .current())
        for profile in Profile.allCases {
            let graph = try StageGraph(allPipelines(), profile: profile)
            #expect(graph.count > 0, "no pipeline is registered")
            for node in graph.nodes {
                let statics = try engine.staticMaterial(node)
                #expect(!statics.code.keys.contains { $0.hasPrefix("Pipelines") }, "\(node.name) depends on a pipeline file")
                #expect(!statics.code.isEmpty, "\(node.name) declares no code")
            }
        }
    }
}
