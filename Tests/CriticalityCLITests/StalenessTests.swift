import BuiltSources
import Foundation
import Pipeline
import Testing

/// A binary records the code it was built from: after a source edit without a rebuild, the old
/// binary refuses to compute (or explain) the stages that use the edited file, naming
/// `make build`, instead of storing the old code's results under the new code's key.
@Suite("code edits and the binary", .serialized)
struct StalenessTests {
    /// Package.swift, Sources and Pipelines of this checkout, copied so the test can edit them.
    static func copyCheckout(into tree: URL) throws {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Pipelines"] {
            try FileManager.default.copyItem(at: checkout.appendingPathComponent(item), to: tree.appendingPathComponent(item))
        }
    }

    /// The code digests recorded in every manifest of the store, by path.
    static func recordedDigests(_ cli: CLIProcess) throws -> [String: Set<String>] {
        var digests: [String: Set<String>] = [:]
        for entry in cli.entries() {
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: entry.appendingPathComponent("manifest.json")))
            for (path, digest) in manifest.material.code { digests[path, default: []].insert(digest) }
        }
        return digests
    }

    @Test("editing a stage's file without rebuilding: run and status refuse with 'rebuild: make build'; the store keeps the built code's keys")
    func editWithoutRebuild() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let tree = cli.folder.appendingPathComponent("tree")
        try Self.copyCheckout(into: tree)
        let env = ["CRITICALITY_SOURCE_ROOT": tree.path]
        let first = try cli.run(["run", "selftest", "--profile", "quick"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let table = try BuiltSourceTable(parsing: BuiltSources.table)
        let sleep = "Sources/SelftestStages/SleepStage.swift"
        #expect(try Self.recordedDigests(cli)[sleep] == [try #require(table.files[sleep])], "the manifests record the built digest")
        let entries = Set(cli.entries().map(\.lastPathComponent))

        let file = tree.appendingPathComponent(sleep)
        let original = try String(contentsOf: file, encoding: .utf8)
        try (original + "\n// edited after the build\n").write(to: file, atomically: true, encoding: .utf8)
        let rerun = try cli.run(["run", "selftest", "--profile", "quick"], environment: env)
        #expect(rerun.status != 0)
        #expect(rerun.stderr.contains("\(sleep) in \(tree.path) changed since this binary was built") && rerun.stderr.contains("rebuild: make build"), "\(rerun.stderr)")
        #expect(Set(cli.entries().map(\.lastPathComponent)) == entries, "nothing was stored under a key the old binary computed")
        let status = try cli.run(["status", "selftest", "--profile", "quick"], environment: env)
        #expect(status.status != 0 && status.stderr.contains("rebuild: make build"), "\(status.stdout)\(status.stderr)")

        // A stage that does not use the edited file still runs: the check is per dependency.
        let unrelated = try cli.run(["run", "synthetic/cells[i=1]", "--profile", "quick"], environment: env)
        #expect(unrelated.status == 0, "\(unrelated.stderr)")

        try original.write(to: file, atomically: true, encoding: .utf8)
        let reverted = try cli.run(["status", "selftest", "--profile", "quick"], environment: env)
        #expect(reverted.status == 0 && reverted.stdout.contains("5 of 5 stages up to date"), "\(reverted.stdout)\(reverted.stderr)")
    }

    @Test("away from any checkout (a cluster node) the binary runs with its built digests")
    func noCheckout() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let nowhere = cli.folder.appendingPathComponent("no-checkout")
        let run = try cli.run(["run", "selftest/sleepers[n=0]", "--profile", "quick"], environment: ["CRITICALITY_SOURCE_ROOT": nowhere.path])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try BuiltSourceTable(parsing: BuiltSources.table)
        let sleep = "Sources/SelftestStages/SleepStage.swift"
        #expect(try Self.recordedDigests(cli)[sleep] == [try #require(table.files[sleep])])
    }
}
