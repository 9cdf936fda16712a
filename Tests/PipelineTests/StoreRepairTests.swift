import Foundation
import Testing
@testable import Pipeline

@Suite("Damaged entries are repaired, never kept over a fresh result")
struct StoreRepairTests {
    /// The key of a stage as `status` computes it.
    func key(_ box: Sandbox, _ stage: String, _ pipeline: PipelineDefinition) throws -> String {
        try #require(try box.status([pipeline]).first { $0.stage == stage }?.key)
    }

    @Test("an entry without its manifest (a gc cut short) is quarantined and recomputed; consumers and Results get good bytes")
    func missingManifest() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([2, 3])])
        let key = try key(box, "squares/square0", squares([2, 3]))
        let store = try Store(root: box.store)
        try FileManager.default.removeItem(at: store.entry(key).appendingPathComponent("manifest.json"))
        try Data().write(to: store.outputs(key).appendingPathComponent("value.txt"))
        let status = try box.status([squares([2, 3])]).first { $0.stage == "squares/square0" }
        #expect(status?.reasons.first?.contains("manifest is missing") == true)
        let rerun = try box.run([squares([2, 3])])
        #expect(rerun.recovered == ["squares/square0"])
        #expect(rerun.ran == ["squares/square0"])
        #expect(try Text.read(from: store.outputs(key)).text == "4.0")
        #expect(FileManager.default.fileExists(atPath: store.entry(key).appendingPathComponent("manifest.json").path))
        #expect(try Text.read(from: box.results.appendingPathComponent("squares/square0")).text == "4.0")
        #expect(try box.run([squares([2, 3])]).ran.isEmpty)
    }

    @Test("a commit over a damaged folder quarantines the folder and keeps the fresh result")
    func commitOverDamage() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let store = try Store(root: box.store)
        let key = String(repeating: "ab", count: 32)
        try FileManager.default.createDirectory(at: store.outputs(key), withIntermediateDirectories: true)
        try Data("junk".utf8).write(to: store.outputs(key).appendingPathComponent("value.txt"))
        let staging = try store.makeStaging()
        try Data("fresh".utf8).write(to: staging.appendingPathComponent("outputs/value.txt"))
        let manifest = try store.commit(staging: staging) { files in
            Manifest(key: key, stageName: "t", material: KeyMaterial(stage: "t", parameters: .null, code: [:], inputs: []),
                     outputs: files, outputsDigest: Manifest.outputsDigest(files), started: "", ended: "", seconds: 0,
                     environment: RunEnvironment(tool: "", swift: "", libraries: [:], host: "", gitCommit: nil, gitDirty: nil))
        }
        #expect(manifest.key == key)
        #expect(try String(contentsOf: store.outputs(key).appendingPathComponent("value.txt"), encoding: .utf8) == "fresh")
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: box.store.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 1)
    }

    @Test("the same key quarantined twice within a second gets two folders")
    func quarantineTwice() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let store = try Store(root: box.store)
        let key = String(repeating: "cd", count: 32)
        for _ in 0..<2 {
            try FileManager.default.createDirectory(at: store.outputs(key), withIntermediateDirectories: true)
            try store.quarantine(key)
        }
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: box.store.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 2)
    }

    /// Rewrites an entry's manifest.json through a text edit.
    func editManifest(_ box: Sandbox, key: String, _ edit: (String) -> String) throws {
        let url = try Store(root: box.store).entry(key).appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text)
        try Data(edited.utf8).write(to: url)
    }

    @Test("an edited parameter or host in a manifest (still valid JSON) is corrupt: quarantined, recomputed, never shown")
    func editedProvenance() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([2])])
        let key = try key(box, "squares/square0", squares([2]))
        try editManifest(box, key: key) { $0.replacingOccurrences(of: #""offset" : 0"#, with: #""offset" : 5"#) }
        let status = try box.status([squares([2])]).first { $0.stage == "squares/square0" }
        #expect(status?.reasons.first?.contains("do not hash to its key") == true)
        let graph = try StageGraph([squares([2])], profile: .quick)
        #expect(throws: PipelineError.self) { try box.engine().manifest(of: "squares/square0", in: graph) }
        #expect(try box.run([squares([2])]).recovered == ["squares/square0"])
        // The recomputed manifest's parameters hash to its key again (offset 0, not the edit's 5).
        #expect(try box.engine().manifest(of: "squares/square0", in: graph).manifest.material.key() == key)

        try editManifest(box, key: key) { $0.replacingOccurrences(of: #""host" : ""#, with: #""host" : "elsewhere-"#) }
        let again = try box.status([squares([2])]).first { $0.stage == "squares/square0" }
        #expect(again?.reasons.first?.contains("integrity digest") == true)
        #expect(try box.run([squares([2])]).recovered == ["squares/square0"])
        #expect(try box.run([squares([2])]).ran.isEmpty)
    }

    @Test("a manifest written before integrity digests existed is still valid (checked by its key)")
    func legacyManifest() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([squares([2])])
        let key = try key(box, "squares/square0", squares([2]))
        try editManifest(box, key: key) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(#""integrity" : "#) }.joined(separator: "\n")
        }
        #expect(try box.run([squares([2])]).ran.isEmpty)
    }
}
