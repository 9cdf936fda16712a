import ChildProcess
import Foundation

/// One gnuplot run, spawned so that it can always be stopped: through ``ChildProcess`` (an empty
/// signal mask and default signal dispositions; a child otherwise inherits the blocked mask of
/// the dispatch thread that starts it and the ignored SIGINT of a run, and then survives
/// SIGTERM), in a process group of its own (a first Ctrl-C lets running stages finish, renders
/// included), with a deadline after which it is killed, and registered so that a hard stop
/// kills it too.
enum GnuplotProcess {
    /// What a finished (or killed) run left.
    struct Outcome {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        /// Everything it printed on stdout and stderr.
        var output: String
        /// Whether the deadline passed and it was killed.
        var timedOut: Bool
    }

    /// The gnuplots now running.
    private static let running = ChildProcess.Registry()

    /// Kills every gnuplot still running (its whole process group). Async-signal-safe enough for
    /// a hard stop: it takes a lock no signal handler holds and calls only `kill`.
    static func killAll() { running.killAll() }

    /// Runs `binary` with `arguments` in `directory`, stdin from /dev/null, and waits up to
    /// `timeout` seconds.
    static func run(_ binary: String, arguments: [String], in directory: URL, environment: [String: String],
                    timeout: Double) throws -> Outcome {
        do {
            // posix_spawn resolves a relative path after the chdir action; Process resolved it here.
            let outcome = try ChildProcess.run(URL(fileURLWithPath: binary).path, arguments, in: directory, environment: environment,
                                               timeout: timeout, mergeErrors: true, ownProcessGroup: true, registry: running)
            return Outcome(status: outcome.status, output: outcome.output, timedOut: outcome.timedOut)
        } catch let error as ChildProcess.SpawnError {
            throw SpawnError(reason: error.reason)
        }
    }

    /// Why gnuplot could not be started.
    struct SpawnError: Error { var reason: String }
}
