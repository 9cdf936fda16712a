import ChildProcess
import Foundation
import Testing

/// A child must not inherit the parent's open files. libhdf5 opens data.h5 without O_CLOEXEC and
/// takes an exclusive lock on it while writing; a gnuplot started by another stage at that moment
/// kept a copy of the descriptor, and with it the lock, after the writer closed the file, so the
/// stage reading that file next failed with "unable to lock file, errno 11" (seen in 2 of 8 runs
/// of 003-lattice at --jobs 4).
@Suite("child processes")
struct InheritedFileTests {
    @Test("a child started while a file is open (without O_CLOEXEC) does not hold that file")
    func noInheritedDescriptors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inherited-\(UUID().uuidString).h5").path
        let fd = open(path, O_CREAT | O_RDWR, 0o644)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "ls -l /proc/self/fd/"])
        #expect(outcome.status == 0)
        #expect(!outcome.output.contains(path), "the child holds \(path): \(outcome.output)")
    }
}
