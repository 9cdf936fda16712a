import BuiltSources
import Foundation
@testable import Pipeline
import Stages
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

/// The default profile's trainability heatmaps are dense enough to show the boundary's shape
/// (issue 16): ≥ 12 σ_w² × 8 rows, Fig. 2's ≥ 16 × 10 with ≥ 2 seeds, every axis evenly spaced
/// (so every cell is drawn the same size), and Fig. 4 only in the paper profile.
@Suite("trainability grids of the default profile")
struct TrainabilityGridTests {
    static func isEven(_ values: [Double]) -> Bool {
        guard values.count > 2 else { return true }
        let step = values[1] - values[0]
        return zip(values, values.dropFirst()).allSatisfy { abs(($1 - $0) - step) <= 1e-9 * max(1, abs(step)) }
    }

    @Test("CIFAR-10 is declared by --data-dir, not by the environment: its cells exist exactly when it is given and record its folder")
    func cifarIsADeclaredOption() throws {
        let cifarCells = { (graph: StageGraph) in
            graph.nodes.compactMap { ($0.stage as? TrainingCell)?.parameters }.filter { $0.dataset == .cifar10 }
        }
        #expect(cifarCells(try StageGraph(allPipelines(), profile: .quick)).isEmpty)
        let folder = FileManager.default.temporaryDirectory.path
        let declared = try StageGraph(allPipelines(), profile: .quick, dataDirectories: DataDirectories.parse(["cifar10=\(folder)"], known: optionalDataSets))
        let cells = cifarCells(declared)
        #expect(!cells.isEmpty)
        #expect(cells.allSatisfy { $0.dataDirectory == URL(fileURLWithPath: folder).standardizedFileURL.path })
        #expect(declared.nodes.contains { $0.name == "002-fig2-trainability/tanh-cifar10" })
    }

    @Test("dense, even grids; Fig. 2 with two seeds; Fig. 4 paper-only")
    func defaultGrids() throws {
        let graph = try StageGraph(allPipelines(), profile: .default)
        // A heatmap's grid is its cells': their σ_w², rows (depth or σ_b²) and seeds.
        let heatmaps = graph.nodes.compactMap { node -> (String, sw2: [Double], rows: [Double], seeds: Int)? in
            guard let heatmap = node.stage as? TrainabilityHeatmap else { return nil }
            let cells = node.inputs.compactMap { (graph.nodes[$0].stage as? TrainingCell)?.parameters.configuration }
            let rows = cells.map { heatmap.parameters.rows == .depth ? Double($0.depth) : $0.sb2 }
            return (node.name, Set(cells.map(\.sw2)).sorted(), Set(rows).sorted(), Set(cells.map(\.seed)).count)
        }
        let names = Set(heatmaps.map(\.0))
        for expected in ["002-fig1-trainability/arctan", "002-fig1-trainability/softsign", "002-fig1-trainability/relu",
                         "002-fig1-trainability/sigmoid", "002-fig2-trainability/tanh-long", "002-fig2-trainability/tanh-short",
                         "000-relu-trainability/depth-10", "000-relu-trainability/depth-30"] {
            #expect(names.contains(expected), "\(expected) is not declared")
        }
        for (name, sw2, rows, seeds) in heatmaps {
            #expect(sw2.count >= 12 && rows.count >= 8, "\(name): \(sw2.count) × \(rows.count)")
            #expect(Self.isEven(sw2) && Self.isEven(rows), "\(name): uneven axis \(sw2) × \(rows)")
            if name.hasPrefix("002-fig2") {
                #expect(sw2.count >= 16 && rows.count >= 10 && seeds >= 2, "\(name): \(sw2.count) × \(rows.count) × \(seeds)")
            }
        }
        #expect(!graph.nodes.contains { $0.pipeline == "002-fig4-cnn-trainability" && $0.stage is TrainingCell })
        let paper = try StageGraph(allPipelines(), profile: .paper)
        #expect(paper.nodes.contains { $0.pipeline == "002-fig4-cnn-trainability" && $0.stage is TrainingCell })
    }
}
