import Foundation

/// Errors of the training engine. Every message names the offending value or file and what was
/// expected, so a command-line user can fix the call without reading the source.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value outside its domain (depth < 1, NaN learning rate, …), found before any work.
    case invalidConfiguration(String)
    /// A data file that does not exist; `expected` describes the format that was looked for.
    case missingFile(path: String, expected: String)
    /// A data file that exists but is not in the expected format.
    case malformedFile(path: String, reason: String)
    /// A data set name that is not one of the known ones.
    case unknownDataset(String, known: [String])
    /// A value the command line could not parse (initialiser, optimiser, architecture name).
    case unknownName(kind: String, name: String, known: [String])
    /// LAPACK reported a failure (should not happen for Gaussian matrices; reported, not trapped).
    case linearAlgebra(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(reason):
            return "invalid training configuration: \(reason)"
        case let .missingFile(path, expected):
            return "\(path): file not found (expected \(expected))"
        case let .malformedFile(path, reason):
            return "\(path): \(reason)"
        case let .unknownDataset(name, known):
            return "unknown data set '\(name)'; use one of: \(known.joined(separator: ", "))"
        case let .unknownName(kind, name, known):
            return "unknown \(kind) '\(name)'; use one of: \(known.joined(separator: ", "))"
        case let .linearAlgebra(reason):
            return "linear algebra failure: \(reason)"
        }
    }
}
