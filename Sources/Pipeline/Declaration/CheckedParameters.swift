import Foundation

/// Parameters that can tell, before any stage runs, that they make no sense: an empty list a
/// stage indexes into, a size whose arrays cannot fit in memory. The CLI checks every stage of
/// the graph it built (with `--set` overrides applied), so such a value is a one-line refusal
/// instead of a trap or an out-of-memory kill minutes into a run.
///
/// ```swift
/// extension Sweep.Parameters: CheckedParameters {
///     public func check() throws {
///         guard !widths.isEmpty else { throw ParameterCheckError("widths is empty; give at least one width") }
///     }
/// }
/// ```
public protocol CheckedParameters {
    /// Throws ``ParameterCheckError`` (or ``MemoryBudgetError``) naming the bad value and the fix.
    func check() throws
}

/// Why a stage's parameters were refused.
public struct ParameterCheckError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension StageGraph {
    /// Checks the parameters of every stage that declares ``CheckedParameters``; the error names
    /// the stage.
    public func checkParameters() throws {
        for node in nodes {
            guard let checked = node.stage.parameters as? any CheckedParameters else { continue }
            do {
                try checked.check()
            } catch {
                throw ParameterCheckError("\(node.name): \(error)")
            }
        }
    }
}
