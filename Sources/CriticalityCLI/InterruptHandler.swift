import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a run: the first asks the engine to stop launching stages (running ones
/// finish and are kept), the second exits at once. Either way the store stays consistent:
/// entries appear only by rename, and leftovers in staging are cleared by the next run.
// @unchecked: `source` is set once in init and only cancelled in `restore`; the press counter is
// a Mutex.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private let presses = Mutex(0)

    init(onFirst: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "criticality.interrupt"))
        source.setEventHandler { [unowned self] in
            let n = self.presses.withLock { value -> Int in value += 1; return value }
            if n == 1 {
                FileHandle.standardError.write(Data("\ninterrupt: letting running stages finish; Ctrl-C again to stop at once\n".utf8))
                onFirst()
            } else {
                FileHandle.standardError.write(Data("\ninterrupt: stopping now; rerun to resume\n".utf8))
                exit(130)
            }
        }
        source.resume()
    }

    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
