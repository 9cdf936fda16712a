import Foundation
@testable import Artifacts
import Testing

/// The lattice-modes schema: what `LatticeModes` writes and the general figures read.
@Suite struct LatticeModesDataTests {
    /// Two networks, three modes, two histograms of two bins, at one σ_w².
    static func sample() -> LatticeModesData {
        typealias M = LatticeModesData
        let perMode = [0.5, -0.25, 0.125], perNetwork = [1, 2, 3, -1, -2, 0.5], perBin = [-1, 1, -0.5, 0.5], perHistogram = [0.1, 0.2]
        var values: [DataColumn<M>: [Double]] = [
            M.sigmaW2: [0.9], M.network: [0, 1], M.wavevector: [0, 2.1, 4.2], M.histogramWavevector: [0, 2.1], M.bin: [0, 1],
            M.realPart: perNetwork, M.imaginaryPart: perNetwork.map { $0 / 2 }, M.histogramX: perBin, M.histogramDensity: perBin.map(abs),
            M.histogramGaussian: perBin.map { $0 * $0 }, M.ksDistance: perHistogram, M.ksCritical: perHistogram.map { $0 * 3 },
        ]
        for column in [M.meanReal, M.meanRealStderr, M.meanImaginary, M.meanImaginaryStderr, M.meanPredicted, M.variance, M.varianceStderr, M.variancePredicted] {
            values[column] = perMode.map { $0 * Double(column.name.count) }
        }
        return LatticeModesData(sigmaB2: 0.01, width: 200, depth: 256, networks: 2, windowStart: 128, seed: 6, values: values)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writtenAndReadBackItIsTheSameValue() throws {
        let dir = try Self.folder(); defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sample().write(to: dir)
        #expect(try LatticeModesData.read(from: dir) == Self.sample())
        // The file is ordinary labelled data: axes as dimension scales, attributes as text.
        let file = try LabelledData.read(from: dir)
        #expect(try file.variable("eps_real").dimensions == ["sigma_w2", "network", "q"])
        #expect(file.attributes["width"] == "200" && file.attributes["window_start"] == "128")
    }

    @Test func everyStoredColumnHasItsOwnName() {
        let names = (LatticeModesData.storedAxes + LatticeModesData.storedVariables).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(!names.contains(LatticeModesData.power.name), "the derived column is not stored")
    }

    @Test func aFileWithoutAColumnIsRefusedNamingIt() throws {
        let dir = try Self.folder(); defer { try? FileManager.default.removeItem(at: dir) }
        var data = try Self.sample().labelled()
        // The same file but with the variance stored under another name.
        var renamed = LabelledData(description: "", attributes: data.attributes)
        for axis in data.axes { renamed.addAxis(axis.name, values: axis.values, units: axis.units, description: axis.description) }
        for variable in data.variables {
            renamed.addVariable(variable.name == "variance" ? "variance_renamed" : variable.name, over: variable.dimensions,
                                values: variable.values, units: variable.units, description: variable.description)
        }
        data = renamed
        try data.write(to: dir)
        let error = #expect(throws: (any Error).self) { try LatticeModesData.read(from: dir) }
        #expect(String(describing: error).contains("variance"))
    }

    @Test func powerIsDerivedFromTheRealAndImaginaryParts() throws {
        var data = try Self.sample().labelled()
        try LatticeModesData.addDerivedColumns(to: &data)
        let real = Self.sample()[LatticeModesData.realPart], imaginary = Self.sample()[LatticeModesData.imaginaryPart]
        #expect(try data.values(LatticeModesData.power) == zip(real, imaginary).map { $0 * $0 + $1 * $1 })
    }
}
