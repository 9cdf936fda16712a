import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a store, so two runs never write the same entries at once. It is an
/// advisory `flock` on `<store>/lock`: the kernel drops it when the process dies, so a killed run
/// never leaves the store locked.
final class StoreLock: Sendable {
    private let descriptor: Int32
    private let path: String
    private let store: String
    /// The locked file's device and inode: if the path names another file later, the store was
    /// removed or replaced, and another run may hold a lock on the new one.
    private let identity: (device: UInt64, inode: UInt64)
    /// Set once the lock is given back; releasing twice (explicitly, then in deinit) is harmless.
    private let released = Atomic<Bool>(false)

    /// Takes the lock or throws ``PipelineError/storeLocked(path:holder:)`` naming the holder.
    init(store: URL) throws {
        let path = store.appendingPathComponent("lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = pread(fd, &buffer, 255, 0)
            close(fd)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "unknown process"
            throw PipelineError.storeLocked(path: store.path, holder: holder)
        }
        descriptor = fd
        self.path = path
        self.store = store.path
        var info = stat()
        fstat(fd, &info)
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        let note = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Throws ``PipelineError/storeReplaced(path:)`` when the lock file at the store's path is
    /// no longer the one this lock holds (the store folder was deleted or swapped during the run).
    func verify() throws {
        var info = stat()
        guard stat(path, &info) == 0, UInt64(info.st_dev) == identity.device, UInt64(info.st_ino) == identity.inode else {
            throw PipelineError.storeReplaced(path: store)
        }
    }

    /// Gives the lock back now. A run calls this as it returns rather than waiting for the last
    /// reference to go: a finished stage's thread may still hold one for a moment, and a second
    /// run started right away in the same process would find the store locked.
    func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }
}
