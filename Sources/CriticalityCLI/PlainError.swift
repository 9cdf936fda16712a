import Foundation
import Pipeline

/// Foundation's file errors in plain words. Their own descriptions read
/// `Error Domain=NSCocoaErrorDomain Code=640 "(null)"`, which names neither the problem nor the
/// file; these name both and say what to do.
enum PlainError {
    /// A one-line message for a Foundation file error or a JSON decoding error, or nil for any
    /// other error (whose own description is already meant for people).
    static func message(for error: Error) -> String? {
        if let decoding = error as? DecodingError { return describe(decoding) }
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let subject = path.map { " \($0)" } ?? " a file"
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        if posix == ENOSPC || ns.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return "the disk is full: could not write\(subject). Free some space and run again."
        }
        if posix == ENOTDIR { return "could not write\(subject): a file stands where a folder should be. Move that file away and run again." }
        if posix == EACCES || posix == EPERM || [CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue].contains(ns.code) {
            return "permission denied for\(subject). Make it writable, or pass another --store/--results/--output."
        }
        if posix == EROFS || ns.code == CocoaError.fileWriteVolumeReadOnly.rawValue {
            return "could not write\(subject): the file system is read-only. Pass a folder on a writable disk."
        }
        switch ns.code {
        case CocoaError.fileWriteFileExists.rawValue:
            return "could not create\(subject): something already exists there (a file where a folder should be?). Move it away and run again."
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue:
            return "no such file or folder:\(subject)."
        default:
            let reason = posix.map { String(cString: strerror($0)) } ?? "error \(ns.code)"
            return "file operation failed on\(subject): \(reason)."
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let detail = DecodingProblem.describe(error)
        return "a JSON document the command read is malformed" + (detail.hasPrefix("at '") ? " " : ": ") + detail + "."
    }
}
