import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's size, modification time (nanoseconds) and inode: what is remembered about a
/// published file so that a later run can tell it is untouched without hashing it again.
struct FileStat: Codable, Hashable, Sendable {
    var bytes: Int
    var modified: Int64
    var inode: UInt64

    /// The stat of a regular file, or nil when there is none at `url`.
    static func of(_ url: URL) -> FileStat? {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStat(bytes: Int(info.st_size),
                        modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                        inode: UInt64(info.st_ino))
    }
}
