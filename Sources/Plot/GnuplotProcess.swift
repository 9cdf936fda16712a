import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One gnuplot run, spawned so that it can always be stopped: with posix_spawn, an empty signal
/// mask and default signal dispositions (a child otherwise inherits the blocked mask of the
/// dispatch thread that starts it and the ignored SIGINT of a run, and then survives SIGTERM),
/// in a process group of its own (a first Ctrl-C lets running stages finish, renders included),
/// with a deadline after which it is killed, and registered so that a hard stop kills it too.
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

    /// Process groups of the gnuplots now running.
    private static let running = Mutex<Set<pid_t>>([])

    /// Kills every gnuplot still running (its whole process group). Async-signal-safe enough for
    /// a hard stop: it takes a lock no signal handler holds and calls only `kill`.
    static func killAll() {
        running.withLock { groups in for group in groups { _ = kill(-group, SIGKILL) } }
    }

    /// Runs `binary` with `arguments` in `directory`, stdin from /dev/null, and waits up to
    /// `timeout` seconds.
    static func run(_ binary: String, arguments: [String], in directory: URL, environment: [String: String],
                    timeout: Double) throws -> Outcome {
        // Output goes to an unlinked temporary file: no pipe to drain while polling for the deadline.
        var template = Array((FileManager.default.temporaryDirectory.path + "/criticality-gnuplot-XXXXXX").utf8CString)
        let outputFD = mkstemp(&template)
        guard outputFD >= 0 else { throw SpawnError(reason: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        defer { close(outputFD) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard let chdir = addChdir, chdir(&actions, directory.path) == 0 else {
            throw SpawnError(reason: "this C library cannot set a child's working folder (posix_spawn_file_actions_addchdir_np)")
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        // posix_spawn resolves a relative path after the chdir action; Process resolved it here.
        let binary = URL(fileURLWithPath: binary).path
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawned = running.withLock { groups -> Int32 in
            // Registered under the lock, so a hard stop between spawn and registration cannot miss it.
            let result = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
            if result == 0 { groups.insert(pid) }
            return result
        }
        guard spawned == 0 else { throw SpawnError(reason: "could not start \(binary): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0, timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 1_000
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || waited < 0 && errno != EINTR { break }
            if Date() >= deadline && !timedOut {
                timedOut = true
                kill(-pid, SIGKILL)
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        running.withLock { _ = $0.remove(pid) }
        // What the group's other members may still hold is of no use once gnuplot is gone.
        if timedOut { kill(-pid, SIGKILL) }

        var output = Data()
        lseek(outputFD, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(outputFD, &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: code, output: String(decoding: output, as: UTF8.self), timedOut: timedOut)
    }

    /// Why gnuplot could not be started.
    struct SpawnError: Error { var reason: String }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not
    /// import (it sits behind `_GNU_SOURCE`).
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
}
