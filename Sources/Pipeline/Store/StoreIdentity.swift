import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Store {
    /// A name for this store that survives moving or copying its folder: a random UUID in
    /// `<store>/store-id`, written once (exclusive create, so two processes opening a new store
    /// at once agree on it). The Results view records it to tell its own store from another;
    /// an absolute path would refuse a project folder that was moved or copied with its store.
    public func identifier() throws -> String {
        let path = root.appending(path: "store-id", directoryHint: .notDirectory).path
        let fresh = UUID().uuidString
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd >= 0 {
            let written = fresh.withCString { write(fd, $0, strlen($0)) }
            let synced = fsync(fd) == 0
            close(fd)
            guard written == fresh.utf8.count, synced else {
                unlink(path)
                throw PipelineError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            return fresh
        }
        guard errno == EEXIST else { throw PipelineError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        // Another process may be between its create and its write: give it a moment.
        for _ in 0..<50 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let id = UUID(uuidString: text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return id.uuidString
            }
            usleep(10_000)
        }
        throw PipelineError.unwritable(path: path, reason: "it does not hold a store identifier (a UUID); remove it and run again")
    }
}
