import Artifacts
import Foundation
@testable import Pipeline
import Simulation
import Stages
import Testing

/// The lattice data kinds of paper 003 (``LatticeSweepData``, ``LatticeSpectrumData``,
/// ``LatticeTrajectoriesData``, ``ReLULatticeCovarianceData``): what their stages write reads
/// back as the same typed value with its provenance, and the σ_w² of one stage draw independent
/// networks, as the lattice figure's caption says.
@Suite("lattice schemas")
struct LatticeSchemaTests {
    static let ensemble = LatticeEnsemble(sb2: 0.01, sw2: [0.3, 0.7], width: 20, depth: 32, networks: 4, seed: 11)

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lattice-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a stage outside the engine (none of these reads an input).
    static func run<S: Stage>(_ stage: S) throws -> S.Output {
        let scratch = try folder(); defer { try? FileManager.default.removeItem(at: scratch) }
        let context = StageContext(stageName: "test/\(S.kind)", profile: .quick, scratch: scratch, inputFolders: [:],
                                   onProgress: { _, _ in }, cancelled: { false })
        return try stage.run(context)
    }

    /// Writes `value` as the engine does and reads it back: the same value, and the provenance.
    static func roundTrip<V: LabelledSchema & Equatable>(_ value: V, kind: String, provenance recorded: KeyPath<V, ArtifactProvenance?>) throws {
        let plain = try folder(), withProvenance = try folder()
        defer { for url in [plain, withProvenance] { try? FileManager.default.removeItem(at: url) } }
        try value.write(to: plain)
        #expect(try V.read(from: plain) == value)
        let provenance = ArtifactProvenance(kind: kind, parameters: .object(["seed": .int(11)]))
        try value.write(to: withProvenance, provenance: provenance)
        #expect(try V.read(from: withProvenance)[keyPath: recorded] == provenance)
    }

    @Test("each lattice stage's output reads back as the value it wrote, with its provenance")
    func roundTrips() throws {
        let linear = try Self.run(LatticeSweep(.init(model: .linear, ensemble: Self.ensemble)))
        #expect(linear.relu == nil && linear.norm.count == 2 && linear.windowStart == 16)
        try Self.roundTrip(linear, kind: LatticeSweep.kind, provenance: \.provenance)
        var reluEnsemble = Self.ensemble
        reluEnsemble.sw2 = [0.8, 1.2]
        let relu = try Self.run(LatticeSweep(.init(model: .relu, ensemble: reluEnsemble)))
        #expect(relu.relu?.rPlus.count == 2 && relu.model == LatticeModel.relu.rawValue)
        try Self.roundTrip(relu, kind: LatticeSweep.kind, provenance: \.provenance)
        let spectrum = try Self.run(LatticeSpectrum(Self.ensemble))
        #expect(spectrum.modeVariance.count == spectrum.sw2.count * spectrum.q.count && !spectrum.q.isEmpty)
        try Self.roundTrip(spectrum, kind: LatticeSpectrum.kind, provenance: \.provenance)
        let trajectories = try Self.run(LatticeTrajectories(Self.ensemble))
        #expect(trajectories.norm.count == 2 * 4 * 33 && trajectories.depth == 32)
        try Self.roundTrip(trajectories, kind: LatticeTrajectories.kind, provenance: \.provenance)
        var covarianceEnsemble = Self.ensemble
        covarianceEnsemble.sw2 = [1.0]
        let covariance = try Self.run(ReLULatticeCovariance(.init(ensemble: covarianceEnsemble, modesPerBin: 4)))
        #expect(covariance.entries.count == ReLULatticeCovarianceData.Entry.allCases.count)
        try Self.roundTrip(covariance, kind: ReLULatticeCovariance.kind, provenance: \.provenance)
    }

    @Test("a file without an attribute its schema needs is refused, naming the attribute and the fix")
    func missingAttribute() throws {
        let spectrum = try Self.run(LatticeSpectrum(Self.ensemble))
        var data = try spectrum.labelled()
        data.attributes["width"] = nil
        let dir = try Self.folder(); defer { try? FileManager.default.removeItem(at: dir) }
        try data.write(to: dir)
        #expect {
            try LatticeSpectrumData.read(from: dir)
        } throws: { error in
            "\(error)".contains("no attribute width") && "\(error)".contains("rerun")
        }
    }

    /// The lattice figure's caption says each σ_w² of each panel has its own seed, so the points'
    /// errors are independent: the same σ_w² twice must give two different measurements.
    @Test("the same σ_w² twice draws two independent ensembles in the sweep, the spectrum and the ReLU covariance")
    func independentSeeds() throws {
        var twice = Self.ensemble
        twice.sw2 = [0.5, 0.5]
        let spectrum = try Self.run(LatticeSpectrum(twice))
        #expect(spectrum.row(spectrum.modeVariance, at: 0) != spectrum.row(spectrum.modeVariance, at: 1))
        let sweep = try Self.run(LatticeSweep(.init(model: .linear, ensemble: twice)))
        #expect(sweep.norm[0] != sweep.norm[1])
        twice.sw2 = [1.0, 1.0]
        let covariance = try Self.run(ReLULatticeCovariance(.init(ensemble: twice, modesPerBin: 4)))
        #expect(covariance.row(covariance[.pp].measured, at: 0) != covariance.row(covariance[.pp].measured, at: 1))
        // The seeds of one ensemble never repeat, and differ from the next ensemble's.
        let seeds = (0..<1000).map { Self.ensemble.seed(forIndex: $0) }
        var next = Self.ensemble
        next.seed += 1
        #expect(Set(seeds + (0..<1000).map { next.seed(forIndex: $0) }).count == 2000)
    }

    @Test("the covariance file's entries are the simulation's components, by name and label")
    func entriesMatchComponents() {
        #expect(FluctuationComponent.all.map(\.schemaEntry) == ReLULatticeCovarianceData.Entry.allCases)
        for component in FluctuationComponent.all {
            #expect(component.schemaEntry.rawValue == component.name)
            #expect(component.schemaEntry.label == component.label)
        }
    }

    /// Issue 17 item 2: producer and consumer agree through the compiler. A string look-up of a
    /// column in the lattice stages, their figures or their wiring would bypass it.
    @Test("no lattice stage, figure or pipeline file looks a column up by name")
    func noStringLookups() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = ["Sources/Stages/Simulation/LatticeEnsemble.swift", "Sources/Stages/Simulation/LatticeEnsembleCheck.swift",
                     "Sources/Stages/Simulation/LatticeSpectrum.swift", "Sources/Stages/Simulation/LatticeSweep.swift",
                     "Sources/Stages/Simulation/LatticeTrajectories.swift", "Sources/Stages/Simulation/ReLULatticeCovariance.swift",
                     "Sources/Stages/Figures/LatticeFigure.swift", "Sources/Stages/Figures/LatticeWindowFigure.swift",
                     "Sources/Stages/Figures/ReLUCovarianceFigure.swift", "Sources/Stages/Figures/LatticeProtocol.swift",
                     "Pipelines/Simulations.swift"]
        let lookups = ["variable(\"", "axis(\"", "addVariable(", "addAxis(", "attributes[\""]
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let lookup = lookups.first(where: { line.contains($0) }) { offenders.append("\(file):\(number + 1): \(lookup)") }
            }
        }
        #expect(offenders.isEmpty, "string look-ups outside Sources/Artifacts (use the schema's typed fields):\n\(offenders.joined(separator: "\n"))")
    }
}
