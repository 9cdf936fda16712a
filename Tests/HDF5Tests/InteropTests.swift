import Foundation
import HDF5
import Testing

@Suite("HDF5 interop with other readers and writers")
struct InteropTests {
    @Test("h5dump reads our values, attributes and dimension scales")
    func h5dumpReadsOurs() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let url = s.url("ours.h5")
        do {
            let root = try File.create(at: url).root
            let x = try root.write([0.25, 0.5], shape: [2], name: "sigma_w2")
            try x.makeDimensionScale(name: "sigma_w2")
            let v = try root.write([1.5, 2.5], shape: [2], name: "xi_c")
            try v.attach(scale: x, to: 0)
            try v.setAttribute("units", .string("layers"))
        }
        let dump = try #require(runProgram("/usr/bin/h5dump", [url.path]), "h5dump is missing: apt-get install hdf5-tools")
        #expect(dump.status == 0)
        #expect(dump.output.contains("(0): 1.5, 2.5"))
        #expect(dump.output.contains("(0): 0.25, 0.5"))
        #expect(dump.output.contains("\"DIMENSION_SCALE\""))
        #expect(dump.output.contains("DIMENSION_LIST"))
        #expect(dump.output.contains("\"layers\""))
    }

    @Test("we read a file that h5import wrote")
    func readH5Import() throws {
        let s = try Scratch(); defer { s.cleanup() }
        try "1.5 2.5 3.5\n4.5 5.5 6.5\n".write(to: s.url("in.txt"), atomically: true, encoding: .utf8)
        try """
        PATH /measured/values
        INPUT-CLASS TEXTFP
        INPUT-SIZE 64
        RANK 2
        DIMENSION-SIZES 2 3
        OUTPUT-CLASS FP
        OUTPUT-SIZE 64
        OUTPUT-ARCHITECTURE NATIVE

        """.write(to: s.url("config.txt"), atomically: true, encoding: .utf8)
        let made = try #require(runProgram("/usr/bin/h5import", ["in.txt", "-c", "config.txt", "-o", "theirs.h5"], in: s.folder))
        #expect(made.status == 0, "\(made.output)")
        let values = try File.open(at: s.url("theirs.h5")).root.group("measured").dataset("values")
        #expect(try values.shape == [2, 3])
        #expect(try values.read(as: Double.self) == [1.5, 2.5, 3.5, 4.5, 5.5, 6.5])
    }

    static let python = ProcessInfo.processInfo.environment["CRITICALITY_PYTHON"]

    @Test("h5py and xarray see labelled axes and attributes (make test sets CRITICALITY_PYTHON)",
          .enabled(if: python != nil, "needs CRITICALITY_PYTHON: a python with h5py, xarray and h5netcdf (make test provides one)"))
    func pythonReaders() throws {
        let s = try Scratch(); defer { s.cleanup() }
        let url = s.url("labelled.h5")
        do {
            let root = try File.create(at: url).root
            let x = try root.write([1.0, 1.5, 2.0], shape: [3], name: "sigma_w2")
            try x.makeDimensionScale(name: "sigma_w2")
            let y = try root.write([10, 20], shape: [2], name: "depth")
            try y.makeDimensionScale(name: "depth")
            let a = try root.write([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], shape: [2, 3], name: "accuracy")
            try a.attach(scale: y, to: 0)
            try a.attach(scale: x, to: 1)
            try a.setAttribute("units", .string("fraction"))
        }
        let script = """
        import h5py, xarray as xr
        with h5py.File("\(url.path)") as f:
            a = f["accuracy"]
            assert a.dims[0][0].name == "/depth" and a.dims[1][0].name == "/sigma_w2", [a.dims[0][0].name, a.dims[1][0].name]
            assert a.attrs["units"] == "fraction", a.attrs["units"]
            assert list(a[1]) == [0.4, 0.5, 0.6]
        ds = xr.open_dataset("\(url.path)", engine="h5netcdf")
        assert ds["accuracy"].dims == ("depth", "sigma_w2"), ds["accuracy"].dims
        assert list(ds["sigma_w2"].values) == [1.0, 1.5, 2.0]
        assert float(ds["accuracy"].sel(depth=20, sigma_w2=1.5)) == 0.5
        print("ok")
        """
        let result = try #require(runProgram(Self.python!, ["-c", script]))
        #expect(result.status == 0 && result.output.contains("ok"), "\(result.output)")
    }
}
