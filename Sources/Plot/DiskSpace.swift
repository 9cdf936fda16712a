import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free space on the file system holding a folder, to tell a full disk from other reasons an
/// output came out empty (gnuplot's cairo terminals exit 0 when they cannot write).
enum DiskSpace {
    /// Below this many free bytes a disk counts as full for a render (a figure needs well under 1 MiB).
    static let nearlyFull = 1 << 20

    /// Bytes an unprivileged writer may still use on the file system holding `folder`.
    static func bytesFree(at folder: URL) -> Int? {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return nil }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }
}
