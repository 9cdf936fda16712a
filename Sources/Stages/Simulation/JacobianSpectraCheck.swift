import Foundation
import Pipeline
import Simulation

extension JacobianSpectra.Parameters: CheckedParameters {
    /// Refuses, when the graph is built, what the stage cannot run: no families or depths, depths
    /// out of order, sizes < 1, non-finite or negative variances, N × N matrices larger than
    /// memory and products that cannot finish.
    public func check() throws {
        guard !families.isEmpty else { throw ParameterCheckError("families is empty; give at least one network family") }
        guard !depths.isEmpty else { throw ParameterCheckError("depths is empty; give at least one depth") }
        if let bad = depths.first(where: { $0 < 1 }) { throw ParameterCheckError("depth \(bad) < 1") }
        // The depths are checkpoints of one pass through each network.
        guard zip(depths, depths.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ParameterCheckError("depths \(depths) are not ascending; list each depth once, smallest first")
        }
        guard width >= 1 else { throw ParameterCheckError("width \(width) < 1") }
        guard networks >= 1 else { throw ParameterCheckError("networks \(networks) < 1") }
        for family in families {
            guard family.sw2.isFinite, family.sw2 >= 0, family.sb2.isFinite, family.sb2 >= 0 else {
                throw ParameterCheckError("family \(family.activation.rawValue) has σ_w² = \(family.sw2), σ_b² = \(family.sb2); give finite variances ≥ 0")
            }
        }
        let n = Double(width), threads = Double(ProcessInfo.processInfo.activeProcessorCount)
        // Each worker holds the Jacobian, its product, a copy for the SVD and a weight matrix
        // (N × N Float64 each) and dgesdd's workspace; the result keeps every singular value of
        // every network.
        let singularValues = Double(families.count) * Double(depths.count) * Double(networks) * n
        try MemoryBudget.require(bytes: threads * 8 * 7 * n * n + 16 * singularValues,
                                 for: "Jacobians of width \(width) with \(networks) networks per depth",
                                 fix: "give a smaller width or fewer networks")
        // One pass to the deepest depth per network: every layer multiplies two N × N matrices
        // (orthogonal weights add a QR, ~ N³); every depth takes an SVD (~ 10 N³).
        let perNetwork = Double(depths.max()!) * 4 * n * n * n + Double(depths.count) * 10 * n * n * n
        try WorkBudget.require(operations: Double(families.count) * Double(networks) * perNetwork,
                               for: "Jacobians of width \(width) over depths up to \(depths.max()!), \(networks) networks each",
                               fix: "give a smaller width, depths or fewer networks")
    }
}
