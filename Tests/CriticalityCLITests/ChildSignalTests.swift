import Foundation
@testable import CriticalityCLI
@testable import Pipeline
import Synchronization
import Testing

/// Children the tool starts (sbatch, squeue, scancel, git, gnuplot --version) must start with no signal blocked
/// and none ignored, whatever the thread that starts them blocks (a dispatch worker blocks
/// almost every signal) and whatever the run ignores (SIGINT while stages finish): otherwise a
/// hung child survives SIGTERM and Ctrl-C. Each child here reads its own /proc/self/status.
@Suite("children start with a clean signal mask", .serialized)
struct ChildSignalTests {
    /// Runs `body` on a thread that blocks every signal, with SIGINT ignored, as a run's worker does.
    static func hostile<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let thread = Thread {
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, nil)
            result.withLock { $0 = Result { try body() } }
        }
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        thread.start()
        while result.withLock({ $0 == nil }) { usleep(1_000) }
        return try result.withLock { $0! }.get()
    }

    /// The SigBlk and SigIgn masks of a status text, without signals 32 and 33: glibc keeps
    /// those for its threads (SIGCANCEL, SIGSETXID), no program can set them, and its
    /// posix_spawn leaves them ignored in every child.
    static func masks(_ status: String) -> [String: UInt64] {
        let glibcInternal: UInt64 = 1 << 31 | 1 << 32
        var masks: [String: UInt64] = [:]
        for line in status.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "SigBlk" || parts[0] == "SigIgn", let mask = UInt64(parts[1], radix: 16) {
                masks[parts[0]] = mask & ~glibcInternal
            }
        }
        return masks
    }

    @Test("a SLURM command's child")
    func slurmCommand() throws {
        let output = try Self.hostile { try SlurmExecutor.command("cat", ["/proc/self/status"]).output }
        #expect(Self.masks(output) == ["SigBlk": 0, "SigIgn": 0], "\(output)")
    }

    @Test("a program's version line, as doctor and manifests read it")
    func programVersion() throws {
        let blocked = try Self.hostile { LibraryVersions.programVersion("grep", ["-h", "^SigBlk", "/proc/self/status"]) }
        let ignored = try Self.hostile { LibraryVersions.programVersion("grep", ["-h", "^SigIgn", "/proc/self/status"]) }
        #expect(blocked.map { Self.masks($0) } == ["SigBlk": 0])
        #expect(ignored.map { Self.masks($0) } == ["SigIgn": 0])
    }
}
