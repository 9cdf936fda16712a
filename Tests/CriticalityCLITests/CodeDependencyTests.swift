import BuiltSources
import Foundation
@testable import Pipeline
import Stages
import SelftestStages
import Testing
import Artifacts

/// Code dependencies are derived from the sources at build time, and the digests recorded are
/// those of the build: the stage types' sets cover what they run (checked against the compiler's
/// object files, like Shake's --lint), keep the granularity a user needs, and `status` names the
/// path that changed.
@Suite("derived code dependencies")
struct CodeDependencyTests {
    static let table = try! BuiltSourceTable(parsing: BuiltSources.table)

    /// A tree over a folder without a checkout, so no digest is compared with files on disk.
    static func tree(_ table: BuiltSourceTable) -> SourceTree {
        SourceTree(root: FileManager.default.temporaryDirectory.appendingPathComponent("no-checkout-\(UUID())"), built: table)
    }

    /// The table with one file's digest replaced, as a build after editing that file would have it.
    static func table(editing path: String) throws -> BuiltSourceTable {
        let lines = BuiltSources.table.split(separator: "\n").map { line -> String in
            line.hasSuffix("\t\(path)") && line.hasPrefix("file\t") ? "file\t\(String(repeating: "0", count: 64))\t\(path)" : String(line)
        }
        #expect(lines.joined(separator: "\n") != BuiltSources.table, "\(path) is not in the table")
        return try BuiltSourceTable(parsing: lines.joined(separator: "\n"))
    }

    @Test("a stage's set is its file, the files of Stages it uses and the closure of the modules they import")
    func derivedSets() throws {
        let tree = Self.tree(Self.table)
        let cell = try tree.dependencies(of: TrainingCell.self).map(\.path)
        for module in ["Training", "CTrainingKernels", "CBLAS", "CGzip", "BLASThreads", "MeanField"] {
            #expect(cell.contains("Sources/\(module)"), "TrainingCell misses Sources/\(module): \(cell)")
        }
        #expect(cell.contains("Sources/Stages/Training/TrainingCell.swift"))
        #expect(!cell.contains { $0.hasPrefix("Sources/Pipeline") || $0.hasPrefix("Pipelines") || $0 == "Sources/Stages" }, "\(cell)")
        let figure = try tree.dependencies(of: LayerMapsFigure.self).map(\.path)
        for file in ["Support/SeriesColors.swift", "Support/Formatting.swift"] {
            #expect(figure.contains("Sources/Stages/\(file)"), "LayerMapsFigure misses \(file): \(figure)")
        }
        #expect(figure.contains("Sources/Plot") && figure.contains("Sources/HDF5") && figure.contains("Sources/CHDF5"), "\(figure)")
        // The artifact formats count file by file: the figure's schema and what it uses, not the module.
        #expect(!figure.contains("Sources/Artifacts") && figure.contains("Sources/Artifacts/Schema/LayerTrajectoriesData.swift"), "\(figure)")
        #expect(cell.contains("Sources/Artifacts/Schema/TrainingCellData.swift") && !cell.contains("Sources/Artifacts"), "\(cell)")
        #expect(!cell.contains { $0.hasPrefix("Sources/Artifacts/Schema/Lattice") }, "\(cell)")
        // The artifact formats are a module of their own, so a figure no longer depends on the
        // science a stage module links (editing the trainer must not rerun every figure).
        #expect(!figure.contains { ["Sources/Training", "Sources/Simulation", "Sources/CBLAS"].contains($0) }, "\(figure)")
        let theory = try tree.dependencies(of: MeanFieldCurve.self).map(\.path)
        #expect(theory.contains("Sources/Stages/Support/ParameterAxis.swift") && theory.contains("Sources/MeanField"), "\(theory)")
    }

    @Test("a caption helper's edit changes the figures' code digests and no training cell's")
    func captionEditKeepsTrainingCells() throws {
        let before = Self.tree(Self.table)
        let after = Self.tree(try Self.table(editing: "Sources/Stages/Support/Formatting.swift"))
        #expect(try before.digests(for: TrainingCell.self) == after.digests(for: TrainingCell.self))
        #expect(try before.digests(for: MeanFieldCurve.self) == after.digests(for: MeanFieldCurve.self))
        let changed = try after.digests(for: LayerMapsFigure.self)
        let unchanged = try before.digests(for: LayerMapsFigure.self)
        #expect(changed.keys.filter { changed[$0] != unchanged[$0] } == ["Sources/Stages/Support/Formatting.swift"])
    }

    @Test("editing one artifact schema changes the digests of the stages that use it, and no training cell's")
    func schemaEditKeepsTrainingCells() throws {
        let before = Self.tree(Self.table)
        let lattice = Self.tree(try Self.table(editing: "Sources/Artifacts/Schema/LatticeSpectrumData.swift"))
        #expect(try before.digests(for: TrainingCell.self) == lattice.digests(for: TrainingCell.self))
        #expect(try before.digests(for: LayerMapsFigure.self) == lattice.digests(for: LayerMapsFigure.self))
        let cellSchema = Self.tree(try Self.table(editing: "Sources/Artifacts/Schema/TrainingCellData.swift"))
        let changed = try cellSchema.digests(for: TrainingCell.self), unchanged = try before.digests(for: TrainingCell.self)
        #expect(changed.keys.filter { changed[$0] != unchanged[$0] } == ["Sources/Artifacts/Schema/TrainingCellData.swift"])
    }

    @Test("status names the path whose code changed, for exactly the stages that use it")
    func statusNamesChangedPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("code-status-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = PipelineDefinition("codes", summary: "two stage types from two files") { p in
            let cells = p.grid("cells", over: [1, 2], label: { "i=\($0.parameters.value)" }) { TrivialStage(value: $0) }
            p.add("sum", SumStage(label: "sum", terms: cells))
            p.add("sleep", SleepStage(.init(seconds: 0, label: "sleep")))
        }
        let graph = try StageGraph([pipeline], profile: .quick)
        let store = try Store(root: folder)
        _ = try Engine(store: store, sources: Self.tree(Self.table)).run(graph, targets: [], options: .init(jobs: 1), progress: SilentProgress())
        let edited = try Self.table(editing: "Sources/SelftestStages/SleepStage.swift")
        let statuses = try Engine(store: store, sources: Self.tree(edited)).status(graph)
        let sleep = try #require(statuses.first { $0.stage.hasSuffix("sleep") })
        #expect(sleep.reasons == ["code of Sources/SelftestStages/SleepStage.swift changed"], "\(sleep.reasons)")
        for status in statuses where !status.stage.hasSuffix("sleep") {
            #expect(status.reasons.isEmpty, "\(status.stage): \(status.reasons)")
        }
    }

    @Test("exec (a cluster task) runs a submitted key with the built digests, and refuses one a build with other code submitted")
    func execChecksSubmittedKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("code-exec-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = PipelineDefinition("codes", summary: "one stage") { p in
            p.add("sleep", SleepStage(.init(seconds: 0, label: "sleep")))
        }
        let graph = try StageGraph([pipeline], profile: .quick)
        let node = try #require(graph.nodes.first)
        func submit(_ table: BuiltSourceTable, to store: Store) throws -> String {
            let engine = Engine(store: store, sources: Self.tree(table))
            let key = try engine.rebuilder.material(try engine.staticMaterial(node), inputs: []).key()
            try StageSpec(key: key, stageName: node.name, profile: .quick, parameters: try engine.staticMaterial(node).parameters, inputs: [:]).save(in: store)
            return key
        }
        let same = try Store(root: folder.appendingPathComponent("same"))
        let key = try submit(Self.table, to: same)
        let ran = Engine(store: same, sources: Self.tree(Self.table)).execute(key: key, graph: { _, _ in graph })
        #expect(try ran.get().key == key)

        let other = try Store(root: folder.appendingPathComponent("other"))
        let submitted = try submit(try Self.table(editing: "Sources/SelftestStages/SleepStage.swift"), to: other)
        guard case .failure(let error) = Engine(store: other, sources: Self.tree(Self.table)).execute(key: submitted, graph: { _, _ in graph }) else {
            Issue.record("a key submitted by a build with other code ran")
            return
        }
        #expect(error.description.contains("was submitted: the code or the pipelines changed since"), "\(error)")
    }

    @Test("a stage type outside the table and without declared code is refused, naming the fix")
    func underivedStageRefused() throws {
        struct Unknown: Stage {
            var parameters: [Int] = []
            func run(_ context: StageContext) throws -> TextArtifact { TextArtifact("") }
        }
        #expect(throws: PipelineError.underivedCode(stage: String(reflecting: Unknown.self), hasTable: true)) {
            try Self.tree(Self.table).digests(for: Unknown.self)
        }
    }
}
