import CBLAS
import Synchronization

/// Holds OpenBLAS at one thread while code that parallelises over its own threads runs, and
/// restores the caller's setting when the last such scope in the process ends. OpenBLAS's thread
/// count is one global, so two users doing this at once with a plain save-and-restore (a
/// simulation stage and a training cell under `--jobs 2`) could restore it under each other:
/// one could leave the process single-threaded, or hand the other two threads mid-run, which
/// changes its last bits. So every such scope in the process is counted here.
public enum SingleThreadedBLAS {
    private struct State {
        var depth = 0
        var saved: Int32 = 1
    }

    private static let state = Mutex(State())

    /// Runs `body` with OpenBLAS on one thread.
    public static func run<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { state in
            if state.depth == 0 {
                state.saved = openblas_get_num_threads()
                if state.saved != 1 { openblas_set_num_threads(1) }
            }
            state.depth += 1
        }
        defer {
            state.withLock { state in
                state.depth -= 1
                if state.depth == 0, state.saved != 1 { openblas_set_num_threads(state.saved) }
            }
        }
        return try body()
    }
}
