import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Temporary files and folders (archive scratch folders, `.….zip.<uuid>.partial` files, report
/// staging, rerun stores) are removed by the code that made them, but a process that is killed
/// or interrupted cannot. Each is therefore claimed with an `flock` while in use, which the
/// kernel drops when its process ends; the next command sweeps the unclaimed ones.
enum Leftovers {
    /// How old an unclaimed leftover must be before it is swept: a claim is taken just after a
    /// file or folder is created, and this covers that instant.
    static let grace: TimeInterval = 60

    /// An flock held on a file or folder for as long as the value lives.
    final class Claim {
        private let descriptor: Int32

        /// Claims `url`; nil if it cannot be opened (the caller goes on: a sweep then may remove
        /// it after the grace period, which only costs a failed write, never a wrong result).
        init?(_ url: URL) {
            descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            flock(descriptor, LOCK_EX)
        }

        deinit { close(descriptor) }
    }

    /// Removes the items of `folder` whose names match, that no live process claims and that are
    /// older than ``grace``. Errors are ignored: sweeping is housekeeping.
    static func sweep(_ folder: URL, matching matches: (String) -> Bool) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where matches(name) {
            let url = folder.appendingPathComponent(name)
            guard let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > grace else { continue }
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { try? manager.removeItem(at: url) }
        }
    }
}
