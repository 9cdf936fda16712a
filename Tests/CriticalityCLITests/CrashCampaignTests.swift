import Foundation
import Testing

/// The crash campaign in small (`make crashtest N=50` runs it large): SIGKILLs of `run` at
/// random moments, half of them on partially filled stores, then a rerun to completion compared
/// byte for byte with a reference run. Four pipelines (theory, simulation-free figures: 14 s in
/// a debug build on 2 loaded cores) keep it near a minute; the whole quick profile took 343 s.
@Suite("crash campaign")
struct CrashCampaignTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pipelines = ["001-phase-diagram", "002-layer-maps", "002-cnn-modes", "002-depth-scales"]
    static let defects = ["corrupt entries", "stale results reused", "finished stages lost",
                          "Results mismatches", "reruns failed", "reruns not idempotent"]

    @Test("4 SIGKILLs of a quick run: no corrupt entry, stale reuse, lost stage, Results mismatch or failed rerun")
    func smallCampaign() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("crash-campaign-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.checkout.appendingPathComponent("scripts/crash-campaign.py").path,
                             "--binary", CLIProcess.binary.path, "--kills", "4", "--seed", "7", "--json", report.path,
                             "--pipelines"] + Self.pipelines
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any], "no report:\n\(text)")
        let counts = try #require(json["counts"] as? [String: Int])
        for defect in Self.defects {
            #expect(counts[defect] == 0, "\(defect): \(counts[defect] ?? -1)\n\(text)")
        }
        #expect((counts["kills"] ?? 0) >= 2, "too few runs were still running when killed:\n\(text)")
        #expect((counts["kills on partially filled stores"] ?? 0) >= 1, "\(text)")
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
