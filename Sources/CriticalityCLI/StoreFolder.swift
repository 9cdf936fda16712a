import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder `clean --delete-store` may delete: it has the store's layout (an `entries` folder,
/// and nothing at its top level but the store's own folders and lock), and no run holds its lock.
struct StoreFolder {
    let root: URL

    init(_ root: URL) { self.root = root }

    /// The names a store holds at its top level (see `Store`, `StoreLock`, `StageSpec`, `SlurmExecutor`).
    static let layout: Set<String> = ["entries", "staging", "quarantine", "refs", "jobs", "slurm", "failed", "lock", "store-id"]

    /// Deletes the store, or throws naming why the folder is not one (or is in use).
    func delete() throws {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let strangers = items.filter { !Self.layout.contains($0) }.sorted()
        guard items.contains("entries"), strangers.isEmpty else {
            let reason = items.contains("entries") ? "it also holds \(strangers.prefix(4).joined(separator: ", "))" : "it has no entries/ folder"
            throw CommandFailure(message: "\(root.path) is not a criticality store (\(reason)); nothing was deleted. Pass the store's folder with --store.")
        }
        // A run holds an flock on <store>/lock for its whole length.
        let fd = open(root.appendingPathComponent("lock").path, O_RDWR | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                throw CommandFailure(message: "a run is using the store at \(root.path); nothing was deleted. Wait for it to finish (or stop it), then clean again.")
            }
            try FileManager.default.removeItem(at: root)
        } else {
            try FileManager.default.removeItem(at: root)
        }
    }
}
