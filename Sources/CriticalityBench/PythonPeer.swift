import Foundation

/// The plain-Python peers under bench/peers/, run as processes with the interpreter `make bench`
/// names (CRITICALITY_PYTHON, the venv's), else `python3` on PATH: one place that finds the
/// interpreter and the scripts and says why a peer cannot run.
enum PythonPeer {
    /// The interpreter, or nil when there is none.
    static var interpreter: String? {
        ProcessInfo.processInfo.environment["CRITICALITY_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? CommandTimer.which("python3")
    }

    /// bench/peers/<name>, from the working directory or the checkout this bench was built from.
    static func script(_ name: String) -> URL? {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [URL(fileURLWithPath: FileManager.default.currentDirectoryPath), checkout]
            .map { $0.appendingPathComponent("bench/peers/\(name)") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Why a NumPy peer cannot run here, or nil when it can.
    static var numpySkipReason: String? {
        guard let python = interpreter else { return "no python3 on PATH and CRITICALITY_PYTHON unset" }
        guard let result = try? run(python, ["-c", "import numpy"]), result.status == 0 else {
            return "numpy is not importable by \(python) (set CRITICALITY_PYTHON to a Python with numpy)"
        }
        return nil
    }

    /// What a run printed.
    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    /// Runs `executable` to the end, reading both pipes at once so neither can fill and stall it.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errors = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errors = err.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: data, stderr: String(decoding: errors, as: UTF8.self))
    }
}
