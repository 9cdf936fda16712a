import Foundation
import Testing

/// `status` explains staleness as a user meets it: after an override and after editing the
/// source of a module a stage declares.
@Suite("status explains staleness", .serialized)
struct StalenessTests {
    @Test("editing a declared source file makes exactly its stages stale, and says which file")
    func codeEdit() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        // A private copy of the source files the self-test stages declare, so the test can edit them.
        let tree = cli.folder.appendingPathComponent("tree")
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for file in ["Sources/Stages/Selftest/SleepStage.swift", "Sources/Stages/Artifacts/TextArtifact.swift", "Sources/Stages/Selftest/TrivialStage.swift"] {
            let target = tree.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: checkout.appendingPathComponent(file), to: target)
        }
        let env = ["CRITICALITY_SOURCE_ROOT": tree.path]
        #expect(try cli.run(["run", "selftest", "--profile", "quick"], environment: env).status == 0)
        let sleep = tree.appendingPathComponent("Sources/Stages/Selftest/SleepStage.swift")
        try (try String(contentsOf: sleep, encoding: .utf8) + "\n// edited\n").write(to: sleep, atomically: true, encoding: .utf8)
        let status = try cli.run(["status", "selftest", "--profile", "quick"], environment: env)
        #expect(status.stdout.contains("code of Sources/Stages/Selftest/SleepStage.swift changed"), "\(status.stdout)")
        #expect(status.stdout.contains("0 of 5 stages up to date"))
        let unrelated = try cli.run(["status", "synthetic/cells[i=1]", "--profile", "quick"], environment: env)
        #expect(unrelated.stdout.contains("never run"))  // not stale because of the edit
        #expect(!unrelated.stdout.contains("SleepStage"))
    }
}
