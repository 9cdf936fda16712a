import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child that can always be stopped: spawned with posix_spawn, an empty
/// signal mask and every signal at its default disposition. Foundation's `Process` passes on the
/// mask of the thread that starts it (a dispatch worker blocks almost every signal) and the
/// dispositions a run ignores (SIGINT while stages finish), so its children (gnuplot, sbatch,
/// git …) survived SIGTERM and Ctrl-C. Output goes to unlinked temporary files, so a child that
/// writes much never blocks on a pipe while the deadline is watched.
///
/// ```swift
/// let outcome = try ChildProcess.run("git", ["rev-parse", "HEAD"], timeout: 10)
/// if outcome.status == 0 { print(outcome.output) }
/// ```
public enum ChildProcess {
    /// What a finished (or killed) child left.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// What it printed on stdout (and stderr too, when they were merged).
        public var output: String
        /// What it printed on stderr, when not merged into `output`.
        public var errors: String
        /// Whether the deadline passed and it was killed.
        public var timedOut: Bool
    }

    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Children now running, so that a hard stop can kill them all (their process groups when
    /// they have their own).
    public final class Registry: Sendable {
        private let running = Mutex<Set<pid_t>>([])
        public init() {}

        /// Kills every registered child with SIGKILL. Takes a lock no signal handler holds and
        /// calls only `kill`.
        public func killAll() {
            running.withLock { children in for child in children { _ = kill(child, SIGKILL) } }
        }

        fileprivate func register(_ spawn: () -> (Int32, pid_t), group: Bool) -> Int32 {
            running.withLock { children in
                // Registered under the lock, so a hard stop between spawn and registration cannot miss it.
                let (result, pid) = spawn()
                if result == 0 { children.insert(group ? -pid : pid) }
                return result
            }
        }

        fileprivate func remove(_ pid: pid_t, group: Bool) {
            running.withLock { _ = $0.remove(group ? -pid : pid) }
        }
    }

    /// The executable `program` names: itself when it holds a `/`, else the first match on PATH.
    public static func which(_ program: String) -> String? {
        if program.contains("/") { return URL(fileURLWithPath: program).path }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `program` (a path, or a name looked up on PATH) with `arguments`, stdin from
    /// /dev/null, in `directory` (default: this process's), with `environment` (default: this
    /// process's), and waits for it, killing it once `timeout` seconds have passed.
    /// `ownProcessGroup` puts it (and what it starts) in a group of its own, which a first Ctrl-C
    /// at the terminal does not reach and a timeout kills whole; `registry` lets a hard stop kill it.
    public static func run(_ program: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
                           timeout: Double? = nil, mergeErrors: Bool = false, ownProcessGroup: Bool = false,
                           registry: Registry? = nil) throws -> Outcome {
        guard let binary = which(program) else { throw SpawnError(reason: "`\(program)` is not on PATH") }
        let outputFD = try temporaryFile(), errorFD = mergeErrors ? outputFD : try temporaryFile()
        defer { close(outputFD); if errorFD != outputFD { close(errorFD) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let directory {
            guard let chdir = addChdir, chdir(&actions, directory.path) == 0 else {
                throw SpawnError(reason: "this C library cannot set a child's working folder (posix_spawn_file_actions_addchdir_np)")
            }
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFD, 2)
        // Nothing else is inherited: libhdf5 opens files without O_CLOEXEC and locks them, and a
        // child started by another stage kept such a descriptor (and its lock) alive after the
        // writer closed it, so the next reader of that data.h5 failed with errno 11.
        guard let closeFrom = addCloseFrom, closeFrom(&actions, 3) == 0 else {
            throw SpawnError(reason: "this C library cannot close a child's inherited files (posix_spawn_file_actions_addclosefrom_np, glibc 2.34+)")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawn = { () -> (Int32, pid_t) in (posix_spawn(&pid, binary, &actions, &attributes, argv, envp), pid) }
        let spawned = registry.map { $0.register(spawn, group: ownProcessGroup) } ?? spawn().0
        guard spawned == 0 else { throw SpawnError(reason: "could not start \(binary): \(String(cString: strerror(spawned)))") }

        // The child's group when it has one, so that what it started goes with it.
        let target = ownProcessGroup ? -pid : pid
        var status: Int32 = 0, timedOut = false
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var pause: useconds_t = 1_000
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || waited < 0 && errno != EINTR { break }
            if let deadline, Date() >= deadline, !timedOut {
                timedOut = true
                kill(target, SIGKILL)
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        registry?.remove(pid, group: ownProcessGroup)
        // What the group's other members may still hold is of no use once the child is gone.
        if timedOut && ownProcessGroup { kill(target, SIGKILL) }

        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: code, output: contents(outputFD), errors: mergeErrors ? "" : contents(errorFD), timedOut: timedOut)
    }

    /// An unlinked temporary file, open for reading and writing.
    private static func temporaryFile() throws -> Int32 {
        var template = Array((FileManager.default.temporaryDirectory.path + "/criticality-child-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw SpawnError(reason: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return fd
    }

    /// Everything written to `fd`, from its start.
    private static func contents(_ fd: Int32) -> String {
        var output = Data()
        lseek(fd, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), likewise behind `_GNU_SOURCE`.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not
    /// import (it sits behind `_GNU_SOURCE`).
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
}
