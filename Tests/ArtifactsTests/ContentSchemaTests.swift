import Foundation
import Pipeline
@testable import Artifacts
import Testing

/// The typed schemas of the finite-width and dynamical-isometry data: what a producer writes is
/// what a consumer reads, field by field, through files h5dump and h5py read.
@Suite("finite-width and Jacobian-spectra schemas")
struct ContentSchemaTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Distinct values per array, so that a column read from the wrong dataset shows.
    static func ramp(_ count: Int, from start: Double) -> [Double] { (0..<count).map { start + Double($0) / 8 } }

    static func propagation() -> FiniteWidthPropagationData {
        let s = 2, n = 3, l = 4
        return FiniteWidthPropagationData(
            sigmaW2: [1, 2.5], widths: [20, 40, 80], layers: [0, 1, 2, 3],
            q: ramp(s * n * l, from: 1), qStandardError: ramp(s * n * l, from: 100), c: ramp(s * n * l, from: 200),
            cStandardError: ramp(s * n * l, from: 300), qTheory: ramp(s * l, from: 400), cTheory: ramp(s * l, from: 500),
            lastLayerQVariance: ramp(s * n, from: 600), lastLayerQVarianceStandardError: ramp(s * n, from: 700), scaledVarianceTheory: [0.3, 9],
            varianceExponent: [-1.01, -0.98], varianceExponentLower: [-1.1, -1.07], varianceExponentUpper: [-0.92, -0.89],
            variancePrefactor: [0.1, 3])
    }

    static func spectra() -> JacobianSpectraData {
        let f = 2, d = 3, m = 5
        return JacobianSpectraData(
            families: [0, 1], depths: [4, 16, 64], samples: ramp(m, from: 0), sigmaW2: [1.086, 2], sigmaB2: [1e-4, 0],
            qStar: [0.0457, 1], chi1: [1, 1], singularValues: ramp(f * d * m, from: 1), meanSquared: ramp(f * d, from: 10),
            meanSquaredLower: ramp(f * d, from: 20), meanSquaredUpper: ramp(f * d, from: 30), meanSquaredPredicted: ramp(f * d, from: 40),
            lowPercentile: ramp(f * d, from: 50), highPercentile: ramp(f * d, from: 60), relativeSpread: ramp(f * d, from: 70))
    }

    @Test("a value written and read back is the same value, with the provenance the engine recorded")
    func roundTrips() throws {
        let provenance = ArtifactProvenance(kind: "simulation.test", parameters: .object(["sb2": .double(0.05)]))
        let a = try Self.folder(), b = try Self.folder()
        defer { for url in [a, b] { try? FileManager.default.removeItem(at: url) } }
        try Self.propagation().write(to: a, provenance: provenance)
        let propagation = try FiniteWidthPropagationData.read(from: a)
        #expect(propagation.provenance == provenance)
        var expected = Self.propagation()
        expected = try FiniteWidthPropagationData(labelled: try expected.labelled())
        #expect(propagation.q == expected.q && propagation.lastLayerQVariance == expected.lastLayerQVariance
                && propagation.varianceExponentUpper == expected.varianceExponentUpper && propagation.cTheory == expected.cTheory)
        try Self.spectra().write(to: b, provenance: provenance)
        let spectra = try JacobianSpectraData.read(from: b)
        #expect(spectra.singularValues == Self.spectra().singularValues && spectra.relativeSpread == Self.spectra().relativeSpread
                && spectra.meanSquaredLower == Self.spectra().meanSquaredLower && spectra.qStar == Self.spectra().qStar)
    }

    @Test("the slices cut one curve out of the row-major arrays")
    func slices() {
        let p = Self.propagation()
        #expect(p.slice(p.q, sigmaW2: 1, width: 2) == Array(p.q[20..<24]))
        #expect(p.slice(p.qTheory, sigmaW2: 1) == Array(p.qTheory[4..<8]))
        #expect(p.slice(p.lastLayerQVariance, sigmaW2: 1) == Array(p.lastLayerQVariance[3..<6]))
        let s = Self.spectra()
        #expect(s.index(family: 1, depth: 2) == 5)
        #expect(Array(s.spectrum(family: 1, depth: 0)) == Array(s.singularValues[15..<20]))
    }

    @Test("a file missing a column is refused naming it; one with a column over other axes names both")
    func refusesOtherFiles() throws {
        var data = try Self.spectra().labelled()
        var stripped = LabelledData(description: JacobianSpectraData.summary)
        for axis in data.axes { stripped.addAxis(axis.name, values: axis.values, units: axis.units, description: axis.description) }
        for variable in data.variables where variable.name != JacobianSpectraData.relativeSpread.name {
            stripped.addVariable(variable.name, over: variable.dimensions, values: variable.values, units: variable.units, description: variable.description)
        }
        #expect { try JacobianSpectraData(labelled: stripped) } throws: { "\($0)".contains(JacobianSpectraData.relativeSpread.name) }
        data = try Self.propagation().labelled()
        var transposed = LabelledData(description: FiniteWidthPropagationData.summary)
        for axis in data.axes { transposed.addAxis(axis.name, values: axis.values, units: axis.units, description: axis.description) }
        for variable in data.variables {
            let dimensions = variable.name == FiniteWidthPropagationData.qTheory.name ? variable.dimensions.reversed() : variable.dimensions
            transposed.addVariable(variable.name, over: Array(dimensions), values: variable.values, units: variable.units, description: variable.description)
        }
        #expect(throws: SchemaMismatch.self) { try FiniteWidthPropagationData(labelled: transposed) }
    }

    @Test("units are empty for pure numbers, never \"1\"; labels are math, not HDF5 names")
    func unitsAndLabels() throws {
        for data in [try Self.propagation().labelled(), try Self.spectra().labelled()] {
            #expect(data.axes.allSatisfy { $0.units != "1" } && data.variables.allSatisfy { $0.units != "1" })
        }
        #expect(FiniteWidthPropagationData.sigmaW2.label == "σ_w²" && FiniteWidthPropagationData.lastLayerQVariance.label == "Var qᴸ")
        #expect(JacobianSpectraData.meanSquaredPredicted.label == "χ₁ᴸ")
    }
}
