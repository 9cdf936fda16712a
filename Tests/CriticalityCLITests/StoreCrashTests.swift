import Foundation
import Testing

/// The store after a killed run, as `gc` and the next run see it.
@Suite("Store after SIGKILL", .serialized)
struct StoreCrashTests {
    let quick = ["--profile", "quick"]

    @Test("gc right after a killed run keeps every entry the run finished (D11)")
    func gcAfterKill() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (process, _, _) = try cli.start(["run", "selftest", "--jobs", "1", "--quiet"] + quick)
        #expect(cli.wait(timeout: 20) { cli.entries().count >= 2 })
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finished = Set(cli.entries().map(\.lastPathComponent))
        #expect(finished.count >= 2 && finished.count < 5)
        let gc = try cli.run(["gc"] + quick)
        #expect(gc.status == 0, "\(gc.stderr)")
        #expect(gc.stdout.contains("Deleted 0 entries"), "\(gc.stdout)")
        #expect(Set(cli.entries().map(\.lastPathComponent)) == finished)
        let rerun = try cli.run(["run", "selftest"] + quick)
        #expect(rerun.stdout.contains("5 stages: \(5 - finished.count) ran, \(finished.count) up to date"), "\(rerun.stdout)")
    }

    @Test("killed at each stage commit: gc deletes nothing, the rerun computes only the rest")
    func killedAtCommit() throws {
        for point in 1...3 {
            let cli = try CLIProcess(); defer { cli.cleanup() }
            let killed = try cli.run(["run", "selftest", "--jobs", "1", "--quiet"] + quick, environment: ["CRITICALITY_FAULT": "commit:\(point)"])
            #expect(killed.status == SIGKILL)
            #expect(cli.entries().count == point - 1)
            let gc = try cli.run(["gc"] + quick)
            #expect(gc.stdout.contains("Deleted 0 entries"), "\(gc.stdout)")
            let rerun = try cli.run(["run", "selftest"] + quick)
            #expect(rerun.stdout.contains("5 stages: \(6 - point) ran, \(point - 1) up to date"), "\(rerun.stdout)")
        }
    }

    @Test("the store folder removed mid-run while a second run takes it: the first stops with a clear error (D21)")
    func storeRemovedMidRun() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (first, _, err) = try cli.start(["run", "selftest", "--jobs", "1", "--quiet"] + quick)
        #expect(cli.wait(timeout: 20) { cli.entries().count >= 1 })
        // The running stage may create a staging folder while the tree is being removed
        // ("Is a directory"): try again until the folder is gone.
        #expect(cli.wait(timeout: 10) { (try? FileManager.default.removeItem(at: cli.store)) != nil || !FileManager.default.fileExists(atPath: cli.store.path) })
        let second = try cli.run(["run", "selftest", "--quiet", "--results", "Results-second"] + quick)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        first.waitUntilExit()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(first.terminationStatus != 0)
        #expect(stderr.contains("was removed or replaced during this run"), "\(stderr)")
        #expect(cli.entries().count == 5)
    }

    @Test("gc refuses, naming the file, when a refs file is unreadable (D16)")
    func unreadableRefs() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        _ = try cli.run(["run", "selftest", "--quiet"] + quick)
        let refs = cli.store.appendingPathComponent("refs/quick/selftest.json")
        try Data("{ not json".utf8).write(to: refs)
        let gc = try cli.run(["gc"] + quick)
        #expect(gc.status != 0)
        #expect(gc.stderr.contains("cannot read \(refs.path)") && gc.stderr.contains("gc stops"), "\(gc.stderr)")
        #expect(cli.entries().count == 5)
    }
}
