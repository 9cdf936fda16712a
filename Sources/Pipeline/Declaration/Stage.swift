import Foundation

/// A unit of work in a pipeline: typed parameters, typed inputs, the code it depends on, and a
/// `run` that turns inputs into one output artifact.
///
/// A stage *type* says what a stage does and lives in `Sources/`, where its code is hashed; a
/// pipeline file only creates stage *values* (parameters and wiring). The code a stage depends
/// on is derived at build time (``BuiltSourceTable``), so a stage type declares none. Inputs
/// are stored properties of type ``Artifact`` (or arrays of them); the engine finds them by
/// reflection, so the compiler checks the wiring and no stage names another by a string.
///
/// ```swift
/// struct Scale: Stage {
///     struct Parameters: Codable, Hashable, Sendable { var factor: Double }
///     var parameters: Parameters
///     let series: Artifact<Series>                       // an input, found by reflection
///     func run(_ context: StageContext) throws -> Series {
///         let s = try context.read(series)
///         return Series(x: s.x, y: s.y.map { $0 * parameters.factor })
///     }
/// }
/// ```
public protocol Stage: Sendable {
    /// The stage's typed parameters; their canonical JSON is part of the key.
    associatedtype Parameters: Codable & Hashable & Sendable
    /// What the stage produces; consumers hold an `Artifact<Output>`.
    associatedtype Output: ArtifactValue

    /// A stable name for what this stage type does (part of the key). Defaults to the type name.
    static var kind: String { get }
    /// Code the output depends on that derivation cannot see (a data file or script read by
    /// path, or a stage type outside the package's targets); added to the derived set, whose
    /// digests are part of the key. Empty by default.
    static var code: [CodeDependency] { get }

    /// This instance's parameters; `criticality run --set` edits them without touching code.
    var parameters: Parameters { get set }

    /// Computes the output from the inputs. Must be deterministic for a given key.
    func run(_ context: StageContext) throws -> Output
}

extension Stage {
    public static var kind: String { String(describing: Self.self) }
    public static var code: [CodeDependency] { [] }
}
