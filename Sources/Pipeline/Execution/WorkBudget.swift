import Foundation

/// A preflight check that a computation can finish, made before any work: sizes that multiply
/// (`--set …networks=1000000000` with a long depth, a kernel as wide as memory) can fit in memory
/// and still need months. The estimate counts elementary operations (a Gaussian draw, a
/// multiply-add) and is refused when, even at an optimistic 10⁹ per second on every core, it
/// would run longer than ``limitSeconds``: a refusal is never a run that could have finished.
///
/// ```swift
/// try WorkBudget.require(operations: Double(networks) * Double(depth) * Double(width), for: "the ensemble", fix: "give fewer networks")
/// ```
public enum WorkBudget {
    /// Elementary operations per second per core assumed: faster than any stage runs, so the
    /// estimate of the time is a lower bound.
    public static let operationsPerSecond = 1e9

    /// Thirty days: longer than any profile of any pipeline needs by orders of magnitude.
    public static let limitSeconds = 30.0 * 86_400

    /// Throws ``WorkBudgetError`` when `operations` (in Double, so products of absurd sizes cannot
    /// overflow) would take longer than ``limitSeconds`` on this machine's cores.
    public static func require(operations: Double, for what: String, fix: String) throws {
        let cores = Double(max(1, ProcessInfo.processInfo.activeProcessorCount))
        let seconds = operations / (operationsPerSecond * cores)
        guard seconds.isFinite, seconds <= limitSeconds else {
            let days = seconds.isFinite ? String(format: "%.3g days", seconds / 86_400) : "forever"
            throw WorkBudgetError(message: "\(what) would take about \(String(format: "%.3g", operations)) operations, \(days) on \(Int(cores)) cores even at \(String(format: "%.0e", operationsPerSecond)) per second per core; \(fix)")
        }
    }
}

/// A computation that could not finish in reasonable time; the message names the size and the fix.
public struct WorkBudgetError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
