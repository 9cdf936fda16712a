import Foundation

/// A value a stage produces, stored as files in one folder of the store.
///
/// The engine calls ``write(to:)`` on an empty temporary folder, hashes every file written
/// there, and moves the folder into the store only when the stage has finished; consumers get
/// the value back through ``read(from:)``. Writers must be deterministic (the same value gives
/// the same bytes), which is what lets a rerun that changes nothing stop its consumers from
/// rerunning (early cutoff).
///
/// The engine calls ``write(to:provenance:)``, which says which stage made the value; a format
/// that can carry it (HDF5 attributes, say) records it, and the others fall back to
/// ``write(to:)``.
public protocol ArtifactValue: Sendable {
    /// Writes the value's files into `directory`, which exists and is empty.
    func write(to directory: URL) throws
    /// Writes the value's files and records what made them. The default ignores `provenance`
    /// and calls ``write(to:)``. Whatever is recorded must come from `provenance` alone, never
    /// from a key, so that the same value from the same stage gives the same bytes.
    func write(to directory: URL, provenance: ArtifactProvenance) throws
    /// Reads a value written by ``write(to:)``.
    static func read(from directory: URL) throws -> Self
    /// Code the written bytes depend on that derivation cannot see (the package's artifact types
    /// are found as their producers' dependencies); added to each producer's key. Empty by default.
    static var code: [CodeDependency] { get }
}

extension ArtifactValue {
    public static var code: [CodeDependency] { [] }
    public func write(to directory: URL, provenance: ArtifactProvenance) throws { try write(to: directory) }
}
