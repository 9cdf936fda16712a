import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Crash points for tests: `CRITICALITY_FAULT=<point>:<n>` makes the process kill itself with
/// SIGKILL the n-th time it reaches `point`, as a power cut or `kill -9` would at that exact file
/// operation. Tests run the real binary with it to prove that every crash point is recoverable.
///
/// Points: `view` (each file operation of a Results refresh), `commit` (each store commit,
/// before its rename).
enum FaultInjection {
    private static let plan: (point: String, count: Int)? = {
        guard let text = ProcessInfo.processInfo.environment["CRITICALITY_FAULT"],
              let colon = text.lastIndex(of: ":"), let count = Int(text[text.index(after: colon)...]), count > 0
        else { return nil }
        return (String(text[..<colon]), count)
    }()
    private static let reached = Mutex<Int>(0)

    /// Kills the process here if the plan names this point and this is its n-th visit.
    static func reach(_ point: String) {
        guard let plan, plan.point == point else { return }
        let visit = reached.withLock { count in
            count += 1
            return count
        }
        if visit == plan.count { kill(getpid(), SIGKILL) }
    }
}
