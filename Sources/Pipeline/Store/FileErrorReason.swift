import Foundation

/// Why a file operation on `path` failed, as words: Foundation's own descriptions read
/// "The operation could not be completed. (NSCocoaErrorDomain 512)", which names neither the
/// problem nor the file.
///
/// ```swift
/// do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
/// catch { throw PipelineError.unwritable(path: url.path, reason: FileErrorReason.describe(error, at: url)) }
/// ```
enum FileErrorReason {
    /// A file standing where `url` or one of its parent folders should be is named first (the
    /// usual cause of code 512); otherwise the system's reason (`strerror`) of the underlying
    /// POSIX error.
    static func describe(_ error: Error, at url: URL) -> String {
        if let blocker = fileInTheWay(of: url) {
            return "\(blocker.path) is a file where a folder should be; move it away"
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch ns.code {
        case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: return "permission denied"
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return "the file system is read-only"
        case CocoaError.fileWriteOutOfSpace.rawValue: return "the disk is full"
        default: return ns.localizedFailureReason ?? "the file system refused (error \(ns.code))"
        }
    }

    /// The nearest existing path at or above `url` when it is not a folder.
    static func fileInTheWay(of url: URL) -> URL? {
        var candidate = url.standardizedFileURL
        while candidate.path != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : candidate
            }
            candidate.deleteLastPathComponent()
        }
        return nil
    }
}
