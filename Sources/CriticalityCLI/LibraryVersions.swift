import BLASKernel
import CBLAS
import CFFTW
import ChildProcess
import Foundation
import HDF5

/// Versions of the libraries and programs a run uses, for provenance in every manifest.
enum LibraryVersions {
    static func current() -> [String: String] {
        var versions: [String: String] = [:]
        if let config = openblas_get_config() { versions["openblas"] = String(cString: config).trimmingCharacters(in: .whitespaces) }
        if let core = openblas_get_corename() { versions["openblas-core"] = String(cString: core) }
        versions["openblas-core-choice"] = KernelCorrection.report.provenance
        versions["hdf5"] = hdf5LibraryVersion()
        versions["fftw"] = String(cString: criticality_fftw_version())
        if let gnuplot = programVersion("gnuplot", ["--version"]) { versions["gnuplot"] = gnuplot }
        return versions
    }

    /// The first line a program prints for its version, or nil when it is not installed.
    static func programVersion(_ program: String, _ arguments: [String]) -> String? {
        // A version is a line printed at once; a program that hangs must not hang the run.
        guard let outcome = try? ChildProcess.run(program, arguments, timeout: 10), outcome.status == 0, !outcome.timedOut else { return nil }
        return outcome.output.split(separator: "\n").first.map(String.init)
    }
}
