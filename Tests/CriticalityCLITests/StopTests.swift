import Foundation
import Testing

/// Stopping a run that is rendering: SIGTERM and a second Ctrl-C end the process with an exit
/// status (not a crash on the way out), and the gnuplot it started does not outlive it.
@Suite("stopping a run mid-render", .serialized)
struct StopTests {
    /// A gnuplot that records its pid and hangs when asked to render, first on PATH.
    static func hangingGnuplot(_ cli: CLIProcess) throws -> (environment: [String: String], pidFile: URL) {
        let bin = cli.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let pidFile = cli.folder.appendingPathComponent("gnuplot.pid")
        let script = bin.appendingPathComponent("gnuplot")
        // `gnuplot --version` (asked once per run, for manifests) answers; a render hangs.
        try "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'gnuplot 5.4 patchlevel 4'; exit 0; fi\necho $$ > '\(pidFile.path)'\nexec sleep 120\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return (["PATH": path], pidFile)
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    /// Starts a quick run whose figure hangs in gnuplot, sends `signals` once gnuplot runs, and
    /// checks the exit status and that gnuplot is gone.
    func stop(with signals: [Int32], expecting status: Int32) throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let (environment, pidFile) = try Self.hangingGnuplot(cli)
        let (process, _, err) = try cli.start(["run", "002-layer-maps", "--profile", "quick", "--quiet"], environment: environment)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try #require(cli.wait(timeout: 120) { FileManager.default.fileExists(atPath: pidFile.path) && (try? String(contentsOf: pidFile, encoding: .utf8))?.isEmpty == false },
                     "gnuplot never started")
        let gnuplot = try #require(Int32((try String(contentsOf: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        for signal in signals {
            kill(process.processIdentifier, signal)
            usleep(300_000)
        }
        #expect(cli.wait(timeout: 20) { !process.isRunning }, "the run did not stop")
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == status,
                "ended by \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus): \(stderr)")
        #expect(cli.wait(timeout: 5) { !Self.isAlive(gnuplot) }, "gnuplot \(gnuplot) outlived the run")
        if Self.isAlive(gnuplot) { kill(gnuplot, SIGKILL) }
    }

    @Test("SIGTERM: exit 143, gnuplot killed")
    func terminated() throws { try stop(with: [SIGTERM], expecting: 143) }

    @Test("a second Ctrl-C: exit 130, gnuplot killed")
    func interruptedTwice() throws { try stop(with: [SIGINT, SIGINT], expecting: 130) }
}
