import Foundation
import Testing

/// The CLI end to end on the hidden self-test pipeline (four 0.3 s cells and a join).
@Suite("criticality run, as a process", .serialized)
struct RunCommandTests {
    let quick = ["--profile", "quick"]

    @Test("a second run reruns nothing and says so")
    func secondRun() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let first = try cli.run(["run", "selftest"] + quick)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("5 stages: 5 ran, 0 up to date"))
        let second = try cli.run(["run", "selftest"] + quick)
        #expect(second.stdout.contains("Nothing to do: all 5 stages up to date"))
        #expect(try String(contentsOf: cli.results.appendingPathComponent("selftest/join/value.txt"), encoding: .utf8) == "join+s0+s1+s2+s3")
    }

    @Test("SIGKILL mid-run: finished stages are kept, nothing half-written is used, the rerun finishes the rest")
    func killed() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (process, _, _) = try cli.start(["run", "selftest", "--jobs", "1", "--quiet"] + quick)
        #expect(cli.wait(timeout: 20) { cli.entries().count >= 2 })
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = cli.entries()
        #expect(kept.count >= 2 && kept.count < 5)
        #expect(kept.allSatisfy { FileManager.default.fileExists(atPath: $0.appendingPathComponent("manifest.json").path) })
        let rerun = try cli.run(["run", "selftest"] + quick)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("5 stages: \(5 - kept.count) ran, \(kept.count) up to date"), "\(rerun.stdout)")
        let staging = try FileManager.default.contentsOfDirectory(atPath: cli.store.appendingPathComponent("staging").path)
        #expect(staging.isEmpty)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: cli.results.path).filter { $0.hasPrefix(".staging") }
        #expect(hidden.isEmpty)
    }

    @Test("SIGINT: running stages finish, the run exits 130 and says how to resume")
    func interrupted() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (process, _, err) = try cli.start(["run", "selftest", "--jobs", "1"] + quick)
        #expect(cli.wait(timeout: 20) { cli.entries().count >= 1 })
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("interrupted:") && stderr.contains("Run the same command again to resume"), "\(stderr)")
        let kept = cli.entries().count
        let rerun = try cli.run(["run", "selftest"] + quick)
        #expect(rerun.stdout.contains("5 stages: \(5 - kept) ran, \(kept) up to date"), "\(rerun.stdout)")
    }

    @Test("two runs on one store: the second is refused with a clear message, the first completes")
    func concurrentRuns() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (first, _, _) = try cli.start(["run", "selftest", "--jobs", "1", "--quiet"] + quick)
        #expect(cli.wait(timeout: 20) { FileManager.default.fileExists(atPath: cli.store.appendingPathComponent("staging").path) })
        let second = try cli.run(["run", "selftest"] + quick)
        first.waitUntilExit()
        #expect(second.status != 0)
        #expect(second.stderr.contains("is in use by another criticality run (pid \(first.processIdentifier)"), "\(second.stderr)")
        #expect(first.terminationStatus == 0)
        #expect(cli.entries().count == 5)
    }

    @Test("the shipped binary declares no self-test pipeline, whatever the environment says")
    func shippedHasNoSelftest() throws {
        let cli = try CLIProcess(shipped: true); defer { cli.cleanup() }
        let list = try cli.run(["list", "--profile", "quick"], environment: ["CRITICALITY_SELFTEST": "1"])
        #expect(list.status == 0 && list.stdout.contains("002-depth-scales"), "\(list.stderr)")
        #expect(!list.stdout.contains("selftest") && !list.stdout.contains("synthetic"), "\(list.stdout)")
        let run = try cli.run(["run", "selftest", "--profile", "quick"], environment: ["CRITICALITY_SELFTEST": "1"])
        #expect(run.status != 0 && run.stderr.contains("unknown target 'selftest'"), "\(run.stderr)")
    }

    @Test("bad input: unknown target, unknown --set key, wrong type, each a clear error before any work")
    func badInput() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let target = try cli.run(["run", "nosuch"] + quick)
        #expect(target.status != 0)
        #expect(target.stderr.contains("unknown target 'nosuch'") && target.stderr.contains("selftest"))
        let key = try cli.run(["run", "selftest", "--set", "selftest/join.speed=2"] + quick)
        #expect(key.stderr.contains("stage selftest/join has no parameter 'speed'. Its parameters: label, seconds"))
        let type = try cli.run(["run", "selftest", "--set", "selftest/join.seconds=fast"] + quick)
        #expect(type.stderr.contains("--set selftest/join.seconds=fast: expected a value of type Double"))
        #expect(cli.entries().isEmpty)
    }

    @Test("status --json lists each stage with its key and output digests; explains an override")
    func statusJSON() throws {
        struct Row: Decodable { let stage: String; let state: String; let key: String?; let outputs: [String: String]?; let reasons: [String] }
        let cli = try CLIProcess(); defer { cli.cleanup() }
        _ = try cli.run(["run", "selftest"] + quick)
        let json = try cli.run(["status", "selftest", "--json"] + quick)
        let rows = try JSONDecoder().decode([Row].self, from: Data(json.stdout.utf8))
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0.state == "up-to-date" && $0.key?.count == 64 && $0.outputs?["value.txt"]?.count == 64 })
        // The cell's label follows the parameter, so the cell is renamed; its reason is still
        // given against its last run under the declared name.
        let text = try cli.run(["status", "selftest", "--set", "selftest/sleepers[n=0].label=s7"] + quick)
        #expect(text.stdout.contains("parameter label changed from \"s0\" to \"s7\""), "\(text.stdout)")
        #expect(text.stdout.contains("input selftest/sleepers[n=7] is out of date"), "\(text.stdout)")
        // Setting every cell to one label would make them one cell: refused, naming the fix.
        let collide = try cli.run(["status", "selftest", "--set", "selftest/sleepers.label=x"] + quick)
        #expect(collide.status != 0 && collide.stderr.contains("set the parameter on one cell"), "\(collide.stderr)")
    }

    @Test("dag prints text and Graphviz dot; show prints a manifest")
    func dagAndShow() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let dot = try cli.run(["dag", "selftest", "--dot"] + quick)
        #expect(dot.stdout.hasPrefix("digraph criticality {") && dot.stdout.contains("\"selftest/sleepers\" -> \"selftest/join\""))
        let before = try cli.run(["show", "selftest/join"] + quick)
        #expect(before.status != 0 && before.stderr.contains("has not been run yet"))
        _ = try cli.run(["run", "selftest"] + quick)
        let show = try cli.run(["show", "selftest/join", "--json"] + quick)
        #expect(show.stdout.contains("\"stageName\" : \"selftest/join\"") && show.stdout.contains("\"gnuplot\""))
    }
}
