import Foundation
import Pipeline
@testable import Artifacts
import HDF5
import Testing

/// The provenance attributes ``LabelledData`` writes when the engine hands it a provenance.
@Suite("LabelledData provenance attributes")
struct LabelledDataProvenanceTests {
    static func sample() -> LabelledData {
        var data = LabelledData(description: "a curve", attributes: ["activation": "tanh"])
        data.addAxis("sigma_w2", values: [1, 2, 3], units: "1", description: "weight variance")
        data.addVariable("xi_c", over: ["sigma_w2"], values: [4, 5, 6], units: "layers", description: "depth scale")
        return data
    }

    static let provenance = ArtifactProvenance(
        kind: "theory.mean-field-curve",
        parameters: .object(["sb2": .double(0.05), "sw2": .object(["count": .int(3), "spacing": .string("linear")]),
                             "depths": .array([.int(2), .int(8)]), "flag": .bool(true),
                             // Not whole numbers: JSON writes 1.0 as 1, which reads back as an integer.
                             "long": .array((0..<5000).map { .double((Double($0) + 0.5) / 7) })]))

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labelled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("read back, the provenance is the one written and the data's own attributes are unchanged")
    func roundTrip() throws {
        let dir = try Self.folder(); defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sample().write(to: dir, provenance: Self.provenance)
        let back = try LabelledData.read(from: dir)
        #expect(back.provenance == Self.provenance)
        #expect(back.attributes == Self.sample().attributes)
        #expect(try back.variable("xi_c").values == [4, 5, 6])
        // Without a provenance (a value written outside the engine) there is none to read.
        let plain = try Self.folder(); defer { try? FileManager.default.removeItem(at: plain) }
        try Self.sample().write(to: plain)
        #expect(try LabelledData.read(from: plain).provenance == nil)
    }

    @Test("the same data and provenance give the same bytes, another parameter value other bytes")
    func deterministic() throws {
        let a = try Self.folder(), b = try Self.folder(), c = try Self.folder()
        defer { for url in [a, b, c] { try? FileManager.default.removeItem(at: url) } }
        try Self.sample().write(to: a, provenance: Self.provenance)
        try Self.sample().write(to: b, provenance: Self.provenance)
        var edited = Self.provenance
        edited.parameters = .object(["sb2": .double(0.1)])
        try Self.sample().write(to: c, provenance: edited)
        let bytes = { (url: URL) in try Data(contentsOf: url.appendingPathComponent(LabelledData.fileName)) }
        #expect(try bytes(a) == bytes(b))
        #expect(try bytes(a) != bytes(c))
    }

    @Test("numbers stay numbers; booleans and very long arrays become JSON text")
    func attributeValues() throws {
        #expect(try LabelledData.attributeValue(.double(0.05)) == .double(0.05))
        #expect(try LabelledData.attributeValue(.array([.int(2), .int(8)])) == .ints([2, 8]))
        #expect(try LabelledData.attributeValue(.array([.int(2), .double(0.5)])) == .doubles([2, 0.5]))
        #expect(try LabelledData.attributeValue(.bool(true)) == .string("true"))
        let long = JSONValue.array((0..<5000).map { .int($0) })
        #expect(try LabelledData.attributeValue(long) == .string(try CanonicalJSON.string(long)))
    }

    @Test("a data set's own attribute named like a provenance attribute is refused, naming it")
    func reservedNames() throws {
        let dir = try Self.folder(); defer { try? FileManager.default.removeItem(at: dir) }
        let clash = LabelledData(description: "x", attributes: ["parameter.sb2": "0.05"])
        #expect { try clash.write(to: dir, provenance: Self.provenance) } throws: { "\($0)".contains("parameter.sb2") }
    }
}
