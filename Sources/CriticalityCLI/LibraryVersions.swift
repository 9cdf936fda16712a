import CBLAS
import CFFTW
import Foundation

/// Versions of the libraries and programs a run uses, for provenance in every manifest.
enum LibraryVersions {
    static func current() -> [String: String] {
        var versions: [String: String] = [:]
        if let config = openblas_get_config() { versions["openblas"] = String(cString: config).trimmingCharacters(in: .whitespaces) }
        if let core = openblas_get_corename() { versions["openblas-core"] = String(cString: core) }
        versions["fftw"] = String(cString: criticality_fftw_version())
        if let gnuplot = programVersion("gnuplot", ["--version"]) { versions["gnuplot"] = gnuplot }
        return versions
    }

    /// The first line a program prints for its version, or nil when it is not installed.
    static func programVersion(_ program: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        guard (try? process.run()) != nil else { return nil }
        // A version is a line printed at once; a program that hangs must not hang the run.
        guard exited.wait(timeout: .now() + 10) == .success else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
