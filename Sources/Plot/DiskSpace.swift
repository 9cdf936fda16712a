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

extension PlotError {
    /// The error for a failed write of `url`: ``diskFull(_:bytesFree:)`` when the disk holding it
    /// is full, else ``cannotWrite(_:reason:)`` with the system's reason rather than Foundation's
    /// `NSCocoaErrorDomain Code=…` dump.
    static func writing(_ url: URL, failedWith error: Error) -> PlotError {
        let folder = url.deletingLastPathComponent()
        if let free = DiskSpace.bytesFree(at: folder), free < DiskSpace.nearlyFull { return .diskFull(folder, bytesFree: free) }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        let reason = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
        return .cannotWrite(url, reason: reason ?? (error as NSError).localizedDescription)
    }
}
