import Foundation

/// Why a figure could not be emitted or rendered. Each message names the problem and the fix.
public enum PlotError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The figure is inconsistent (mismatched lengths, too many panels, a bad name…).
    case invalidFigure(String)
    /// No gnuplot binary at the given path or on PATH. The script was still written.
    case gnuplotNotFound(searched: String, script: URL)
    /// gnuplot exited with a non-zero status; `stderr` is what it printed.
    case gnuplotFailed(status: Int32, stderr: String, script: URL)
    /// gnuplot succeeded but printed warnings (the renderer's policy is to fail on them).
    case gnuplotWarnings([String], script: URL)
    /// gnuplot succeeded but an expected output file is missing or empty.
    case outputMissing(URL, script: URL)
    /// A file or folder could not be written.
    case cannotWrite(URL, reason: String)
    /// gnuplot ran past the renderer's timeout and was killed.
    case gnuplotTimedOut(seconds: Double, script: URL)
    /// gnuplot succeeded but an output does not start as a PNG or PDF does.
    case outputNotAFigure(URL, script: URL)
    /// An output is empty or could not be written, and the disk holding it is (nearly) full.
    case diskFull(URL, bytesFree: Int)

    public var description: String {
        switch self {
        case .invalidFigure(let message):
            return "Invalid figure: \(message)"
        case .gnuplotNotFound(let searched, let script):
            return "gnuplot not found (\(searched)). Install it with `apt-get install gnuplot-nox` "
                + "(Debian/Ubuntu) or pass the binary's path to GnuplotRenderer(executable:). "
                + "The script was written to \(script.path); run `gnuplot \(script.lastPathComponent)` "
                + "in that folder once gnuplot is installed."
        case .gnuplotFailed(let status, let stderr, let script):
            return "gnuplot exited with status \(status) on \(script.path). Its messages name the "
                + "failing line of the script; fix the Figure that produced it:\n\(stderr)"
        case .gnuplotWarnings(let warnings, let script):
            return "gnuplot printed \(warnings.count) warning(s) rendering \(script.path); fix the "
                + "Figure (or use GnuplotRenderer(warningPolicy: .report) to accept them):\n"
                + warnings.joined(separator: "\n")
        case .outputMissing(let url, let script):
            return "gnuplot exited successfully but did not write \(url.path); run "
                + "`gnuplot \(script.lastPathComponent)` in \(script.deletingLastPathComponent().path) "
                + "to see why."
        case .gnuplotTimedOut(let seconds, let script):
            return "gnuplot ran longer than \(Int(seconds)) s on \(script.path) and was killed; run "
                + "`gnuplot \(script.lastPathComponent)` in \(script.deletingLastPathComponent().path) to see "
                + "where it hangs, or set CRITICALITY_GNUPLOT_TIMEOUT to allow more seconds."
        case .outputNotAFigure(let url, let script):
            return "gnuplot exited successfully but \(url.path) is not a \(url.pathExtension.uppercased()) file; "
                + "check that `gnuplot` is gnuplot with cairo terminals (apt-get install gnuplot-nox) and run "
                + "`gnuplot \(script.lastPathComponent)` in \(script.deletingLastPathComponent().path) to see why."
        case .diskFull(let folder, let free):
            return "the disk holding \(folder.path) is full (\(free) bytes free), so the figure could not be written; "
                + "free some space and run again."
        case .cannotWrite(let url, let reason):
            return "Cannot write \(url.path): \(reason). Check that the folder exists and is writable."
        }
    }

    public var errorDescription: String? { description }
}
