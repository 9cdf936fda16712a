import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The rule for `--output` paths: criticality replaces only what it wrote itself. An archive is
/// recognised by its RO-Crate metadata naming criticality, a report folder by the marker file
/// it writes into each report. Anything else (a device, a FIFO, a symbolic link, a user's file
/// or folder) is refused before any work, never renamed over or deleted.
public enum ReplaceableTarget {
    /// The file every report folder holds, so a later report knows the folder is its own.
    public static let reportMarker = ".criticality-report"

    /// Throws ``ReportingError/notOurs(path:reason:)`` unless `url` is absent or a regular file
    /// that is an archive criticality wrote.
    public static func checkArchive(_ url: URL) throws {
        guard let type = fileType(url) else { return }
        guard type == S_IFREG else { throw ReportingError.notOurs(path: url.path, reason: "it is \(describe(type)), not an archive criticality wrote") }
        do { _ = try ArchiveVerifier(archive: url).metadata() } catch {
            throw ReportingError.notOurs(path: url.path, reason: "it is a file that is not an archive criticality wrote")
        }
    }

    /// Throws ``ReportingError/notOurs(path:reason:)`` unless `url` is absent, an empty folder,
    /// or a report folder criticality wrote (it holds the marker, or, from before the marker,
    /// only `index.html` with our title and `files/`).
    public static func checkReport(_ url: URL) throws {
        guard let type = fileType(url) else { return }
        guard type == S_IFDIR else { throw ReportingError.notOurs(path: url.path, reason: "it is \(describe(type)), not a report folder criticality wrote") }
        let items = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        if items.isEmpty || items.contains(reportMarker) { return }
        let index = try? String(contentsOf: url.appendingPathComponent("index.html"), encoding: .utf8)
        if Set(items).isSubset(of: ["index.html", "files"]), index?.contains("<title>Criticality — results report") == true { return }
        let shown = items.sorted().prefix(4).joined(separator: ", ") + (items.count > 4 ? ", …" : "")
        throw ReportingError.notOurs(path: url.path, reason: "it is a folder that is not a report criticality wrote (it holds \(shown))")
    }

    /// The `lstat` file type (`S_IFREG`, `S_IFDIR`, …), or nil when nothing is there. A symbolic
    /// link is reported as one, not followed: replacing it would replace what it points at.
    static func fileType(_ url: URL) -> mode_t? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "a file"
        }
    }
}
