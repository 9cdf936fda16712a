import Foundation
import HDF5
import Testing

@Suite("HDF5 round trips")
struct RoundTripTests {
    @Test("numbers of each type and rank 1–3 read back exactly")
    func arrays() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let url = s.url("a.h5")
        do {
            let root = try File.create(at: url).root
            try root.write([1.5, -2.25, .pi], shape: [3], name: "d1")
            try root.write((0..<24).map { Float($0) / 7 }, shape: [2, 3, 4], name: "f3")
            try root.write([Int64.min, 0, Int64.max, 7], shape: [2, 2], name: "i64")
            try root.write([Int32(-5), 6], shape: [2], name: "i32")
            try root.write([1, 2, 3, 4, 5, 6], shape: [3, 2], name: "int")
        }
        let root = try File.open(at: url).root
        #expect(try root.dataset("d1").read(as: Double.self) == [1.5, -2.25, .pi])
        #expect(try root.dataset("f3").read(as: Float.self) == (0..<24).map { Float($0) / 7 })
        #expect(try root.dataset("f3").shape == [2, 3, 4])
        #expect(try root.dataset("i64").read(as: Int64.self) == [Int64.min, 0, Int64.max, 7])
        #expect(try root.dataset("i32").read(as: Int32.self) == [-5, 6])
        #expect(try root.dataset("int").read(as: Int.self) == [1, 2, 3, 4, 5, 6])
        #expect(try root.dataset("f3").elementTypeName == "Float32")
        #expect(try root.memberNames() == ["d1", "f3", "i32", "i64", "int"])
    }

    @Test("attributes of every kind, on files' groups and datasets, replaceable")
    func attributes() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let url = s.url("b.h5")
        do {
            let root = try File.create(at: url).root
            let cells = try root.createGroup("cells")
            let d = try cells.write([1.0], shape: [1], name: "x")
            try d.setAttribute("units", .string("σ_w² (dimensionless)"))
            try d.setAttribute("scale", .double(0.05))
            try d.setAttribute("count", .int(-3))
            try d.setAttribute("grid", .doubles([1, 2.5]))
            try d.setAttribute("depths", .ints([10, 20]))
            try d.setAttribute("count", .int(4))
            try root.setAttribute("parameters", .string(#"{"a":1}"#))
        }
        let root = try File.open(at: url).root
        let d = try root.group("cells").dataset("x")
        #expect(try d.attribute("units") == .string("σ_w² (dimensionless)"))
        #expect(try d.attribute("scale") == .double(0.05))
        #expect(try d.attribute("count") == .int(4))
        #expect(try d.attribute("grid") == .doubles([1, 2.5]))
        #expect(try d.attribute("depths") == .ints([10, 20]))
        #expect(try d.attributeNames() == ["count", "depths", "grid", "scale", "units"])
        #expect(try root.attribute("parameters").string == #"{"a":1}"#)
        #expect(try root.contains("cells") && !(try root.contains("nope")))
    }

    @Test("the same data written twice, a second apart, gives identical bytes")
    func determinism() throws {
        let s = try Scratch(); defer { s.cleanup() }
        func write(_ url: URL) throws {
            let root = try File.create(at: url).root
            let x = try root.write([0.5, 1.0, 1.5], shape: [3], name: "sigma_w2")
            try x.makeDimensionScale(name: "sigma_w2")
            let g = try root.createGroup("sub")
            let v = try g.write([1.0, 2, 3, 4, 5, 6], shape: [3, 2], name: "xi_c")
            try v.attach(scale: x, to: 0)
            try v.setAttribute("description", .string("correlation depth"))
        }
        try write(s.url("one.h5"))
        Thread.sleep(forTimeInterval: 1.1)
        try write(s.url("two.h5"))
        let one = try Data(contentsOf: s.url("one.h5")), two = try Data(contentsOf: s.url("two.h5"))
        #expect(one == two)
        #expect(one.count > 0)
    }

    @Test("dimension scales attach and read back")
    func scales() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let url = s.url("c.h5")
        do {
            let root = try File.create(at: url).root
            let x = try root.write([1.0, 2, 3], shape: [3], name: "sigma_w2")
            try x.makeDimensionScale(name: "sigma_w2")
            let y = try root.write([10, 20], shape: [2], name: "depth")
            try y.makeDimensionScale(name: "depth")
            let a = try root.write([Double](repeating: 0.5, count: 6), shape: [2, 3], name: "accuracy")
            try a.attach(scale: y, to: 0)
            try a.attach(scale: x, to: 1)
            #expect(throws: HDF5Error.self) { try a.attach(scale: x, to: 0) }
        }
        let root = try File.open(at: url).root
        #expect(try root.dataset("accuracy").attachedScales() == [["/depth"], ["/sigma_w2"]])
        #expect(try root.dataset("depth").isDimensionScale)
    }

    @Test("every C call is serialised: many threads writing and reading at once")
    func threads() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<25 {
                do {
                    let url = s.url("t\(worker)-\(round).h5")
                    let values = (0..<100).map { Double(worker * 1000 + round + $0) }
                    do {
                        let root = try File.create(at: url).root
                        try root.write(values, shape: [10, 10], name: "v").setAttribute("w", .int(worker))
                    }
                    let root = try File.open(at: url).root
                    if try root.dataset("v").read(as: Double.self) != values { failures.add() }
                } catch { failures.add() }
            }
        }
        #expect(failures.value == 0)
    }
}

/// A counter that worker threads can bump.
final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
