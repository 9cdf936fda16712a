import Foundation
import Pipeline

/// SHA-256 throughput of the digest the engine uses (swift-crypto), in memory and from a file,
/// next to coreutils' `sha256sum` on the same file in the same run.
struct HashingBenchmark {
    let megabytes = 512

    func run() throws -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<(megabytes << 20) / 8).flatMap { _ -> [UInt8] in
            withUnsafeBytes(of: generator.next()) { Array($0) }
        })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-hash-\(UUID().uuidString).bin")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let memory = median((0..<3).map { _ in timed { _ = SHA256Digest.of(data) } })
        let fromFile = median(try (0..<3).map { _ in try timed { _ = try SHA256Digest.ofFile(at: file) } })
        let bytes = Double(data.count)
        var table = Table(title: "hashing: SHA-256 of \(megabytes) MiB, median of 3", header: ["implementation", "seconds", "GB/s"])
        table.add(["criticality, in memory", seconds(memory), String(format: "%.2f", bytes / memory / 1e9)])
        table.add(["criticality, file (1 MiB chunks)", seconds(fromFile), String(format: "%.2f", bytes / fromFile / 1e9)])
        if let sha256sum = CommandTimer.which("sha256sum") {
            let peer = median(try (0..<3).map { _ in try CommandTimer.time(sha256sum, [file.path], in: file.deletingLastPathComponent()) })
            table.add(["sha256sum (coreutils, peer)", seconds(peer), String(format: "%.2f", bytes / peer / 1e9)])
        }
        table.add(["target", "", "≥ 1.00"])
        return table.text
    }

}
