import ChildProcess
import Foundation

/// The environment a stage ran in, recorded in its manifest for provenance.
public struct RunEnvironment: Codable, Hashable, Sendable {
    /// Criticality's version.
    public var tool: String
    /// The Swift compiler the tool was built with.
    public var swift: String
    /// Versions of the C libraries and programs in use (HDF5, OpenBLAS, FFTW, gnuplot …).
    public var libraries: [String: String]
    /// The machine's host name.
    public var host: String
    /// The checkout's commit, and whether its tree had uncommitted changes.
    public var gitCommit: String?
    public var gitDirty: Bool?

    /// Criticality's version string.
    public static let toolVersion = "0.1.0"

    /// The compiler version, known at build time.
    public static var swiftVersion: String {
        #if compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// Reads host and git state for `sources`; `libraries` come from the caller, which links them.
    public static func capture(sources: SourceTree, libraries: [String: String]) -> RunEnvironment {
        let commit = Self.git(["rev-parse", "HEAD"], in: sources.root)
        let status = commit == nil ? nil : Self.git(["status", "--porcelain", "--untracked-files=no"], in: sources.root)
        return RunEnvironment(tool: toolVersion, swift: swiftVersion, libraries: libraries,
                              host: ProcessInfo.processInfo.hostName,
                              gitCommit: commit, gitDirty: status.map { !$0.isEmpty })
    }

    private static func git(_ arguments: [String], in folder: URL) -> String? {
        // --no-optional-locks: `git status` would otherwise refresh the index under
        // .git/index.lock, and a `git commit` the user runs meanwhile fails on the lock.
        // Through ChildProcess, with a deadline: a git waiting on a credential helper or a
        // network file system must neither hang the run nor outlive it.
        guard let outcome = try? ChildProcess.run("git", ["--no-optional-locks", "-C", folder.path] + arguments, timeout: 30),
              outcome.status == 0, !outcome.timedOut else { return nil }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
