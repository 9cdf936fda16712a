import Foundation
import Pipeline
import Simulation

extension JacobianSpectra.Parameters: CheckedParameters {
    /// Refuses, when the graph is built, what the stage cannot run: no families or depths, sizes
    /// < 1, non-finite or negative variances, N × N matrices larger than memory and products
    /// that cannot finish.
    public func check() throws {
        guard !families.isEmpty else { throw ParameterCheckError("families is empty; give at least one network family") }
        guard !depths.isEmpty else { throw ParameterCheckError("depths is empty; give at least one depth") }
        if let bad = depths.first(where: { $0 < 1 }) { throw ParameterCheckError("depth \(bad) < 1") }
        guard width >= 1 else { throw ParameterCheckError("width \(width) < 1") }
        guard networks >= 1 else { throw ParameterCheckError("networks \(networks) < 1") }
        for family in families {
            guard family.sw2.isFinite, family.sw2 >= 0, family.sb2.isFinite, family.sb2 >= 0 else {
                throw ParameterCheckError("family \(family.activation.rawValue) has σ_w² = \(family.sw2), σ_b² = \(family.sb2); give finite variances ≥ 0")
            }
        }
        let n = Double(width), threads = Double(ProcessInfo.processInfo.activeProcessorCount)
        // Each worker holds the Jacobian, its product and a weight matrix (N × N Float64 each) and
        // dgesdd's workspace; the result keeps every singular value of every network.
        let singularValues = Double(families.count) * Double(depths.count) * Double(networks) * n
        try MemoryBudget.require(bytes: threads * 8 * 6 * n * n + 16 * singularValues,
                                 for: "Jacobians of width \(width) with \(networks) networks per depth",
                                 fix: "give a smaller width or fewer networks")
        // Every layer multiplies two N × N matrices; every network ends with an SVD (~ N³).
        let layers = depths.reduce(0.0) { $0 + Double($1) + 1 }
        try WorkBudget.require(operations: Double(families.count) * Double(networks) * layers * 2 * n * n * n,
                               for: "Jacobians of width \(width) over depths up to \(depths.max()!), \(networks) networks each",
                               fix: "give a smaller width, depths or fewer networks")
    }
}
