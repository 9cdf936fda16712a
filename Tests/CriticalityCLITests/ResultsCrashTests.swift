import Foundation
import Testing

/// D1: a run killed at any file operation of a Results refresh, then the previous command again,
/// must give the previous command's Results back (not "Nothing to do" over a half-new folder).
/// The kill comes from the fault hook (CRITICALITY_FAULT=view:<n>), at each point in turn.
@Suite("Results refresh killed at every file operation", .serialized)
struct ResultsCrashTests {
    let quick = ["--profile", "quick", "--quiet"]
    let edit = ["--set", "selftest/sleepers[n=0].label=s7", "--set", "selftest/join.label=other"]

    /// Every file under Results (but the index) with its contents.
    func snapshot(_ cli: CLIProcess) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = cli.results.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: cli.results, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path != "/.view.json" { files[path] = try Data(contentsOf: url) }
        }
        return files
    }

    @Test("each crash point: the next run restores the previous Results exactly")
    func everyCrashPoint() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let environment = ["CRITICALITY_SELFTEST_CELLS": "2"]
        let first = try cli.run(["run", "selftest"] + quick, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let original = try snapshot(cli)
        let edited = try cli.run(["run", "selftest"] + quick + edit, environment: environment)
        #expect(edited.status == 0, "\(edited.stderr)")
        let expectedEdit = try snapshot(cli)
        #expect(expectedEdit != original)
        var killed = 0
        for point in 1...80 {
            // Back to the original, then the edit killed at its point-th view operation.
            let back = try cli.run(["run", "selftest"] + quick, environment: environment)
            #expect(back.status == 0, "\(back.stderr)")
            #expect(try snapshot(cli) == original, "after a kill at view operation \(point - 1), the original Results were not restored")
            let faulted = try cli.run(["run", "selftest"] + quick + edit, environment: environment.merging(["CRITICALITY_FAULT": "view:\(point)"]) { $1 })
            if faulted.status == 0 {
                #expect(try snapshot(cli) == expectedEdit)
                break
            }
            #expect(faulted.status == SIGKILL, "\(faulted.stderr)")
            killed += 1
        }
        #expect(killed >= 6, "only \(killed) crash points were reached")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: cli.results.path).filter { $0.hasPrefix(".") && $0 != ".view.json" }
        #expect(hidden.isEmpty, "leftovers: \(hidden)")
    }
}
