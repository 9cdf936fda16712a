import Foundation

/// Why a report, an archive or a verification could not be made; each says what to do.
public enum ReportingError: Error, CustomStringConvertible, Equatable {
    /// The path is not a readable zip file.
    case notAZip(path: String, reason: String)
    /// A zip that is not a Criticality archive (no RO-Crate metadata, or not ours).
    case notOurArchive(path: String, reason: String)
    /// The crate's metadata could not be parsed.
    case corruptMetadata(path: String, reason: String)
    /// Nothing to archive or report.
    case nothingToInclude(String)
    /// A stage named on the command line is not in the archive.
    case unknownArchivedStage(String, known: [String])

    public var description: String {
        switch self {
        case .notAZip(let path, let reason):
            return "\(path) is not a readable zip archive (\(reason)). Pass the .zip that `criticality archive` wrote."
        case .notOurArchive(let path, let reason):
            return "\(path) is not a Criticality archive: \(reason). Only zips made by `criticality archive` can be verified."
        case .corruptMetadata(let path, let reason):
            return "the RO-Crate metadata in \(path) is corrupt: \(reason). Re-create the archive with `criticality archive`."
        case .nothingToInclude(let what):
            return "nothing to include: \(what). Run `criticality run` first."
        case .unknownArchivedStage(let name, let known):
            return "stage '\(name)' is not in the archive. Archived stages: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", …" : "")"
        }
    }
}
