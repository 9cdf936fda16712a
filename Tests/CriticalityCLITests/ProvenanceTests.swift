import Foundation
import Pipeline
import Stages
import Testing
import Artifacts

/// Every HDF5 file a run publishes says which stage type made it, with which parameters: the same
/// parameters its manifest (and so its key) records. Not the stage's name, which is not part of
/// the key (stages of several names can share one entry; ArtifactProvenance says why).
@Suite("HDF5 outputs carry their provenance", .serialized)
struct ProvenanceTests {
    static let pipelines = ["001-phase-diagram", "002-depth-scales", "002-layer-maps"]
    static let quick = ["--profile", "quick", "--quiet"]

    /// The manifests of the store's entries, by the SHA-256 of their `data.h5`.
    static func manifestsByDataDigest(_ cli: CLIProcess) throws -> [String: Manifest] {
        var found: [String: Manifest] = [:]
        for entry in cli.entries() {
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: entry.appendingPathComponent("manifest.json")))
            if let data = manifest.outputs[LabelledData.fileName] { found[data.sha256] = manifest }
        }
        return found
    }

    /// `data.h5` files under Results, by the folder they sit in (relative to Results).
    static func dataFiles(_ cli: CLIProcess) -> [(folder: String, url: URL)] {
        let enumerator = FileManager.default.enumerator(at: cli.results, includingPropertiesForKeys: nil)
        var files: [(String, URL)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.lastPathComponent == LabelledData.fileName else { continue }
            let folder = url.deletingLastPathComponent().path.dropFirst(cli.results.path.count + 1)
            files.append((String(folder), url))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The Results folder of a stage: `p/grid[label]` is `p/grid/label`.
    static func folder(of stage: String) -> String {
        stage.replacingOccurrences(of: "[", with: "/").replacingOccurrences(of: "]", with: "")
    }

    @Test("each data.h5 records its stage kind and the manifest's parameters, never a name; h5dump reads them; --set changes them")
    func recordedProvenance() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let first = try cli.run(["run"] + Self.pipelines + Self.quick)
        try #require(first.status == 0, "\(first.stderr)")

        let manifests = try Self.manifestsByDataDigest(cli)
        let files = Self.dataFiles(cli)
        #expect(files.count >= 10, "expected the theory pipelines' data files, found \(files.map(\.folder))")
        for (folder, url) in files {
            let data = try LabelledData.read(from: url.deletingLastPathComponent())
            let provenance = try #require(data.provenance, "\(folder)/data.h5 records no provenance")
            let manifest = try #require(manifests[try SHA256Digest.ofFile(at: url)], "\(folder)/data.h5 is no store entry's output")
            #expect(Self.folder(of: manifest.stageName) == folder, "\(folder) holds the output of \(manifest.stageName)")
            #expect(provenance.kind == manifest.material.stage)
            #expect(provenance.parameters == manifest.material.parameters, "\(folder): parameters differ from the manifest's")
            #expect(data.attributes.keys.allSatisfy { !$0.hasPrefix("parameter") && $0 != "stage" && $0 != "stage_kind" })
        }

        // Any HDF5 client reads them: h5dump lists the attributes with their values.
        let curves = cli.results.appendingPathComponent("002-depth-scales/curves/tanh/data.h5")
        let dump = try #require(runTool("/usr/bin/h5dump", ["-A", curves.path]), "h5dump is missing: apt-get install hdf5-tools")
        #expect(dump.status == 0, "\(dump.output)")
        #expect(!dump.output.contains("ATTRIBUTE \"stage\"") && !dump.output.contains("002-depth-scales/curves[tanh]"),
                "the file names a stage, which its key does not fix")
        for expected in ["ATTRIBUTE \"stage_kind\"", "\"theory.mean-field-curve\"",
                         "ATTRIBUTE \"parameters\"", "ATTRIBUTE \"parameter.sb2\"", "ATTRIBUTE \"parameter.sw2.count\""] {
            #expect(dump.output.contains(expected), "h5dump -A shows no \(expected)")
        }
        let before = try #require(LabelledData.read(from: curves.deletingLastPathComponent()).provenance)
        #expect(before.parameters.flattened()["sb2"] == .double(0.05))

        // An edit of a parameter is what the file then says.
        let edited = try cli.run(["run", "002-depth-scales", "--set", "002-depth-scales/curves.sb2=0.1"] + Self.quick)
        try #require(edited.status == 0, "\(edited.stderr)")
        let after = try #require(LabelledData.read(from: curves.deletingLastPathComponent()).provenance)
        #expect(after.parameters.flattened()["sb2"] == .double(0.1))
        let editedDump = try #require(runTool("/usr/bin/h5dump", ["-a", "/parameter.sb2", curves.path]))
        #expect(editedDump.output.contains("0.1") && !editedDump.output.contains("0.05"), "\(editedDump.output)")
    }

    /// The interpreter with h5py (`make test` sets CRITICALITY_PYTHON to the venv's).
    static let python = ProcessInfo.processInfo.environment["CRITICALITY_PYTHON"]

    @Test("h5py reads stage_kind, parameters and the per-parameter attributes (make test sets CRITICALITY_PYTHON)",
          .enabled(if: python != nil, "needs CRITICALITY_PYTHON: a python with h5py (make test provides one)"))
    func h5pyReadsProvenance() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let run = try cli.run(["run", "002-depth-scales"] + Self.quick)
        try #require(run.status == 0, "\(run.stderr)")
        // For each file: the JSON attribute parses, each parameter.* attribute equals its leaf.
        let script = """
        import h5py, json, sys, pathlib
        checked = 0
        for path in sorted(pathlib.Path(sys.argv[1]).rglob("data.h5")):
            with h5py.File(path, "r") as f:
                a = f.attrs
                assert "stage" not in a and isinstance(a["stage_kind"], str), path
                parameters = json.loads(a["parameters"])
                def leaves(value, prefix):
                    if isinstance(value, dict) and value:
                        for k, v in value.items():
                            yield from leaves(v, prefix + "." + k if prefix else k)
                    else:
                        yield prefix, value
                for name, value in leaves(parameters, ""):
                    stored = a["parameter." + name]
                    stored = stored.tolist() if hasattr(stored, "tolist") else stored
                    if isinstance(value, (str, int, float)) or (isinstance(value, list) and value and all(isinstance(x, (int, float)) for x in value)):
                        assert stored == value, (path, name, stored, value)
                    else:
                        assert json.loads(stored) == value, (path, name, stored, value)
                checked += 1
        print("checked", checked)
        assert checked >= 5
        """
        let result = try #require(runTool(Self.python!, ["-c", script, cli.results.path]))
        #expect(result.status == 0, "\(result.output)")
    }

    private func runTool(_ path: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
