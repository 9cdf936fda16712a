import Foundation
import Testing

/// `report`, `archive` and `verify` never publish or certify damaged bytes: a store file that no
/// longer matches its manifest is refused, and an archive whose result file disagrees with its
/// own archived manifest fails verification even when the crate's digest was made to match.
@Suite("publishing checks the store's bytes", .serialized)
struct PublishIntegrityTests {
    static let quick = ["--profile", "quick"]

    /// Flips one byte of every `data.h5` in the store's entries (after a run, those are current).
    static func damageStoreData(_ cli: CLIProcess) throws -> Int {
        var damaged = 0
        for entry in cli.entries() {
            let file = entry.appendingPathComponent("outputs/data.h5")
            guard var bytes = try? Data(contentsOf: file) else { continue }
            bytes[600] ^= 0xFF
            try bytes.write(to: file)
            damaged += 1
        }
        return damaged
    }

    @Test("archive and report refuse a store file that no longer matches its manifest, and write nothing")
    func damagedStoreIsNotPublished() throws {
        let cli = try ReportArchiveTests.computed(); defer { cli.cleanup() }
        #expect(try Self.damageStoreData(cli) > 0)
        let zip = cli.folder.appendingPathComponent("out.zip")
        let archive = try cli.run(["archive", "002-layer-maps", "--output", zip.path] + Self.quick)
        #expect(archive.status != 0, "a damaged store was archived: \(archive.stdout)")
        #expect(archive.stderr.contains("data.h5") && archive.stderr.contains("does not match") && archive.stderr.contains("criticality run"), "\(archive.stderr)")
        #expect(!FileManager.default.fileExists(atPath: zip.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        let folder = cli.folder.appendingPathComponent("report-out")
        let report = try cli.run(["report", "002-layer-maps", "--output", folder.path] + Self.quick)
        #expect(report.status != 0, "a damaged store was reported: \(report.stdout)")
        #expect(report.stderr.contains("data.h5") && report.stderr.contains("does not match"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        // The run the message suggests repairs the entry, and then both succeed.
        #expect(try cli.run(["run", "002-layer-maps", "--quiet"] + Self.quick).status == 0)
        #expect(try cli.run(["archive", "002-layer-maps", "--output", zip.path] + Self.quick).status == 0)
        #expect(try cli.run(["report", "002-layer-maps", "--output", folder.path] + Self.quick).status == 0)
    }

    @Test("verify checks each result file against the digest in its archived manifest, not only the crate's")
    func verifyCrossChecksManifests() throws {
        let cli = try ReportArchiveTests.computed(); defer { cli.cleanup() }
        let zip = cli.folder.appendingPathComponent("good.zip")
        #expect(try cli.run(["archive", "002-layer-maps", "--output", zip.path] + Self.quick).status == 0)
        // A damaged file whose crate digest agrees with the damage: what the old archive wrote.
        let forged = cli.folder.appendingPathComponent("forged.zip")
        try ReportArchiveTests.python("""
        import hashlib, json, sys, zipfile
        src, dst, name = sys.argv[1], sys.argv[2], "results/002-layer-maps/trajectories/data.h5"
        with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
            data = bytearray(a.read(name)); data[600] ^= 0xFF
            meta = json.loads(a.read("ro-crate-metadata.json"))
            for entity in meta["@graph"]:
                if entity.get("@id") == name: entity["sha256"] = hashlib.sha256(data).hexdigest()
            for info in a.infolist():
                if info.filename == name: b.writestr(info, bytes(data))
                elif info.filename == "ro-crate-metadata.json": b.writestr(info, json.dumps(meta, sort_keys=True))
                else: b.writestr(info, a.read(info))
        """, [zip.path, forged.path])
        let verified = try cli.run(["verify", forged.path])
        #expect(verified.status != 0, "a file that disagrees with its manifest was certified: \(verified.stdout)")
        #expect(verified.stdout.contains("MISMATCH  results/002-layer-maps/trajectories/data.h5") && verified.stdout.contains("manifest"), "\(verified.stdout)")
        let intact = try cli.run(["verify", zip.path])
        #expect(intact.status == 0, "\(intact.stdout)")

        // A manifest that is JSON but not a manifest (its crate digest made to match): verify names
        // it, and --rerun names the file instead of printing a bare decoding error.
        let garbled = cli.folder.appendingPathComponent("garbled.zip")
        try ReportArchiveTests.python("""
        import hashlib, json, sys, zipfile
        src, dst, name = sys.argv[1], sys.argv[2], "manifests/002-layer-maps/trajectories/manifest.json"
        with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
            data = b'{"key": 3}'
            meta = json.loads(a.read("ro-crate-metadata.json"))
            for entity in meta["@graph"]:
                if entity.get("@id") == name: entity["sha256"] = hashlib.sha256(data).hexdigest()
            for info in a.infolist():
                if info.filename == name: b.writestr(info, data)
                elif info.filename == "ro-crate-metadata.json": b.writestr(info, json.dumps(meta, sort_keys=True))
                else: b.writestr(info, a.read(info))
        """, [zip.path, garbled.path])
        let named = try cli.run(["verify", garbled.path])
        #expect(named.status != 0 && named.stdout.contains("MISMATCH  manifests/002-layer-maps/trajectories/manifest.json"), "\(named.stdout)")
        let rerun = try cli.run(["verify", garbled.path, "--rerun"])
        #expect(rerun.status != 0)
        #expect(rerun.stderr.contains("manifests/002-layer-maps/trajectories/manifest.json is not a stage manifest"), "\(rerun.stderr)")
    }
}

/// Leftovers of killed or interrupted commands (scratch folders in the temporary folder,
/// `.….zip.<uuid>.partial` beside archives) are swept by the next archive; those still claimed
/// by a live process, or too young to be sure, are kept.
@Suite("leftovers are swept")
struct LeftoverTests {
    @Test("archive sweeps stale scratch folders and partial zips, and leaves none of its own")
    func sweep() throws {
        let cli = try ReportArchiveTests.computed(); defer { cli.cleanup() }
        let manager = FileManager.default
        let temporary = cli.folder.appendingPathComponent("tmp"), out = cli.folder.appendingPathComponent("out")
        let staleScratch = temporary.appendingPathComponent("criticality-archive-1234")
        let stalePartial = out.appendingPathComponent(".x.zip.5678.partial"), freshPartial = out.appendingPathComponent(".x.zip.9abc.partial")
        try manager.createDirectory(at: staleScratch, withIntermediateDirectories: true)
        try manager.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("half a zip".utf8).write(to: stalePartial)
        try Data("being written".utf8).write(to: freshPartial)
        let old = Date().addingTimeInterval(-7200)
        for url in [staleScratch, stalePartial] { try manager.setAttributes([.modificationDate: old], ofItemAtPath: url.path) }
        let made = try cli.run(["archive", "002-layer-maps", "--output", out.appendingPathComponent("x.zip").path, "--profile", "quick"],
                               environment: ["TMPDIR": temporary.path])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(!manager.fileExists(atPath: staleScratch.path) && !manager.fileExists(atPath: stalePartial.path))
        #expect(manager.fileExists(atPath: freshPartial.path), "a partial zip that may still be written was removed")
        #expect(try manager.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(Set(try manager.contentsOfDirectory(atPath: out.path)) == ["x.zip", ".x.zip.9abc.partial"])
    }
}
