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
    /// A store file no longer matches the SHA-256 its manifest records.
    case damagedStoreFile(stage: String, file: String, key: String, rerun: String)
    /// An `--output` path holds something criticality did not write.
    case notOurs(path: String, reason: String)
    /// A file changed between being listed and being packed.
    case changedWhileArchiving(path: String)

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
        case .notOurs(let path, let reason):
            return "refusing to replace \(path): \(reason). Pass another --output, or move it away yourself."
        case .changedWhileArchiving(let path):
            return "\(path) changed while the archive was being written; nothing was published. Archive again once no run is writing."
        case .damagedStoreFile(let stage, let file, let key, let rerun):
            return "the store's \(file) of \(stage) (entry \(key.prefix(12))) does not match the SHA-256 its manifest records, so it was damaged after it was written; nothing was published. Run `\(rerun)` (it recomputes damaged entries), then try again."
        }
    }
}
