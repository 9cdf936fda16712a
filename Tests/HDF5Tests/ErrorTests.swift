import Foundation
import HDF5
import Testing

@Suite("HDF5 errors name the file, the object and the fix")
struct ErrorTests {
    @Test("a missing file")
    func missing() throws {
        #expect {
            try File.open(at: URL(fileURLWithPath: "/nonexistent/x.h5"))
        } throws: { "\($0)".contains("/nonexistent/x.h5") && "\($0)".contains("no such file") }
    }

    @Test("random bytes and a truncated real file are not valid HDF5")
    func corrupt() throws {
        let s = try Scratch(); defer { s.cleanup() }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: s.url("noise.h5"))
        #expect { try File.open(at: s.url("noise.h5")) } throws: { "\($0)".contains("not a valid HDF5 file") }
        do { try File.create(at: s.url("real.h5")).root.write([Double](repeating: 1, count: 1000), shape: [1000], name: "v") }
        let bytes = try Data(contentsOf: s.url("real.h5"))
        try bytes.prefix(bytes.count / 2).write(to: s.url("cut.h5"))
        #expect {
            let root = try File.open(at: s.url("cut.h5")).root
            _ = try root.dataset("v").read(as: Double.self)
        } throws: { "\($0)".contains("cut.h5") }
    }

    @Test("a missing dataset lists what the group holds; a wrong type names both types")
    func objects() throws {
        let s = try Scratch(); defer { s.cleanup() }
        do { try File.create(at: s.url("f.h5")).root.write([Float(1)], shape: [1], name: "present") }
        let root = try File.open(at: s.url("f.h5")).root
        #expect { try root.dataset("absent") } throws: {
            "\($0)".contains("'/absent'") && "\($0)".contains("f.h5") && "\($0)".contains("holds: present")
        }
        #expect { try root.dataset("present").read(as: Double.self) } throws: {
            "\($0)".contains("stores Float32, not Float64")
        }
        #expect { try root.write([1.0, 2.0], shape: [3], name: "bad") } throws: { "\($0)".contains("shape [3] holds 3 elements but 2") }
        #expect { try root.attribute("nope") } throws: { "\($0)".contains("no such attribute") }
    }

    @Test("failures print nothing to stderr: they are errors only")
    func nothingPrinted() throws {
        // HDF5's automatic error printing is off; a failing call must still throw.
        let s = try Scratch(); defer { s.cleanup() }
        #expect(throws: HDF5Error.self) { try File.create(at: s.url("no/such/folder/x.h5")) }
    }
}
