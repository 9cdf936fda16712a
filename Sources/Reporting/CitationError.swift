import Foundation

/// Why the project's `CITATION.cff` cannot be used; each message names the file and the fix.
public enum CitationError: Error, CustomStringConvertible, Equatable {
    /// No `CITATION.cff` at the checkout's root.
    case missing(path: String)
    /// The file exists but cannot be read as text.
    case unreadable(path: String, reason: String)
    /// The file is read but is not usable CFF: not YAML, or a key missing or malformed.
    case invalid(path: String, problem: String, fix: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no \(ProjectCitation.fileName) at \(path): the archive takes its authors from it. Add one (cff-version 1.2.0 with title and authors), or set CRITICALITY_SOURCE_ROOT to the checkout that has it."
        case .unreadable(let path, let reason):
            return "\(path) cannot be read (\(reason)). Make it a readable UTF-8 file."
        case .invalid(let path, let problem, let fix):
            return "\(path) is not usable CFF: \(problem). Fix: \(fix)."
        }
    }
}
