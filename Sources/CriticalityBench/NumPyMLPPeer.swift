import Foundation

/// The plain-NumPy MLP of bench/peers/mlp_numpy.py, run as a process: the peer the training and
/// trainability tables put next to our numbers (same network, same SGD step, same OpenBLAS).
enum NumPyMLPPeer {
    static var python: String { ProcessInfo.processInfo.environment["CRITICALITY_PYTHON"] ?? CommandTimer.which("python3") ?? "python3" }

    static var script: String? {
        let candidates = [
            FileManager.default.currentDirectoryPath + "/bench/peers/mlp_numpy.py",
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("bench/peers/mlp_numpy.py").path,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Why the peer cannot run here, or nil when it can.
    static var skipReason: String? {
        guard script != nil else { return "bench/peers/mlp_numpy.py not found (run from the repository root)" }
        guard FileManager.default.isExecutableFile(atPath: python) else { return "no python3 (set CRITICALITY_PYTHON)" }
        guard (try? output(python, ["-c", "import numpy"])) != nil else { return "\(python) cannot import numpy (pip install numpy)" }
        return nil
    }

    /// The peer's training throughput in samples/s, or nil when it cannot run.
    static func samplesPerSecond(depth: Int, width: Int, batch: Int, steps: Int) -> Double? {
        guard skipReason == nil, let script,
              let text = try? output(python, [script, "\(depth)", "\(width)", "\(batch)", "\(steps)"]),
              let value = text.split(separator: " ").last.flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { return nil }
        return value
    }

    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandTimer.Failed(description: "\(executable) exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
