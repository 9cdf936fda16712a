import Dispatch
import Foundation
import Plot
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a run: the first asks the engine to stop launching stages (running ones
/// finish and are kept), the second stops at once; SIGTERM stops at once too. Either way the
/// store stays consistent: entries appear only by rename, and leftovers in staging are cleared
/// by the next run.
///
/// Stopping at once is `_exit`, not `exit`: `exit` runs atexit handlers and static destructors
/// while worker threads are still inside BLAS, HDF5 and Foundation, which crashed the process (1
/// of 15 double Ctrl-Cs). gnuplot runs in its own process group, so it is killed explicitly first.
// @unchecked: the sources are set once in init and only cancelled in `restore`; the press counter
// is a Mutex.
final class InterruptHandler: @unchecked Sendable {
    private let interrupt: DispatchSourceSignal
    private let terminate: DispatchSourceSignal
    private let presses = Mutex(0)

    init(onFirst: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "criticality.interrupt")
        interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: queue)
        terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: queue)
        interrupt.setEventHandler { [unowned self] in
            let n = self.presses.withLock { value -> Int in value += 1; return value }
            if n == 1 {
                Self.say("\ninterrupt: letting running stages finish; Ctrl-C again to stop at once\n")
                onFirst()
            } else {
                Self.stopNow(status: 130, reason: "interrupt: stopping now; rerun to resume")
            }
        }
        terminate.setEventHandler { Self.stopNow(status: 143, reason: "terminated: stopping now; rerun to resume") }
        interrupt.resume()
        terminate.resume()
    }

    /// Kills running gnuplots, leaves the terminal on a fresh line with the reason, and exits
    /// without running any exit-time code.
    static func stopNow(status: Int32, reason: String) -> Never {
        GnuplotRenderer.killRunning()
        say("\r\u{1B}[K\n\(reason)\n")
        _exit(status)
    }

    private static func say(_ text: String) {
        text.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
    }

    func restore() {
        interrupt.cancel()
        terminate.cancel()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
