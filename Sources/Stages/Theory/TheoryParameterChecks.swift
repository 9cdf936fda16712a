import Foundation
import Pipeline

/// Operation counts of the theory stages' solvers, for ``WorkBudget``: generous upper estimates
/// (a fixed point by Newton's method over a Gauss–Hermite rule; a critical point by a root
/// search over fixed points; one layer of the layer maps by a two-dimensional rule).
enum TheoryCost {
    static let meanFieldPoint = 1e5
    static let criticalPoint = 1e6
    static let layerStep = 1e4
}

/// A bias variance the theory can use: finite and ≥ 0.
func checkBiasVariance(_ sb2: Double) throws {
    guard sb2.isFinite, sb2 >= 0 else { throw ParameterCheckError("sb2 = \(sb2); give a finite σ_b² ≥ 0") }
}

extension MeanFieldCurve.Parameters: CheckedParameters {
    /// A finite σ_b² and an axis of 1 to a million finite values.
    public func check() throws {
        try checkBiasVariance(sb2)
        try sw2.check(name: "sw2")
    }
}

extension CriticalLineCurve.Parameters: CheckedParameters {
    /// An axis of 1 to a million finite values, whose critical points can be found in time.
    public func check() throws {
        try sb2.check(name: "sb2")
        try WorkBudget.require(operations: Double(sb2.values.count) * TheoryCost.criticalPoint,
                               for: "\(sb2.values.count) critical points", fix: "give sb2 fewer values")
    }
}

extension SigmoidSusceptibility.Parameters: CheckedParameters {
    /// Two axes of 1 to a million finite values, whose critical points can be found in time.
    public func check() throws {
        try sw2.check(name: "sw2")
        try sb2Search.check(name: "sb2Search")
        try WorkBudget.require(operations: Double(sw2.values.count) * TheoryCost.meanFieldPoint + Double(sb2Search.values.count) * TheoryCost.criticalPoint,
                               for: "\(sb2Search.values.count) critical points of the sigmoid", fix: "give sb2Search fewer values")
    }
}

extension ConvolutionalDepthScales.Parameters: CheckedParameters {
    /// k ≥ 0, n ≥ 1, and n modes of a kernel of 2k + 1 taps per σ_w² that fit in memory and time.
    public func check() throws {
        try checkBiasVariance(sb2)
        try sw2.check(name: "sw2")
        guard kernelHalfWidth >= 0 else { throw ParameterCheckError("kernelHalfWidth \(kernelHalfWidth) < 0") }
        guard spatialSize >= 1 else { throw ParameterCheckError("spatialSize \(spatialSize) < 1") }
        let points = Double(sw2.values.count), modes = Double(spatialSize)
        // Two depth scales per mode and σ_w², kept in the stage and again in its result.
        try MemoryBudget.require(bytes: 4 * 8 * points * modes + 8 * modes, for: "\(spatialSize) modes for \(sw2.values.count) σ_w²",
                                 fix: "give a smaller spatialSize or sw2 count")
        // Each mode's eigenvalue sums 2k + 1 cosines, again for every σ_w².
        try WorkBudget.require(operations: points * (TheoryCost.meanFieldPoint + modes * (2 * Double(kernelHalfWidth) + 1)),
                               for: "\(spatialSize) modes of a kernel of half-width \(kernelHalfWidth) for \(sw2.values.count) σ_w²",
                               fix: "give a smaller spatialSize, kernelHalfWidth or sw2 count")
    }
}

extension LayerTrajectories.Parameters: CheckedParameters {
    /// At least one σ_w², finite variances, layers ≥ 0, and trajectories that fit in memory and time.
    public func check() throws {
        try checkBiasVariance(sb2)
        guard !sw2.isEmpty else { throw ParameterCheckError("sw2 is empty; give at least one σ_w²") }
        if let bad = sw2.first(where: { !$0.isFinite || $0 < 0 }) { throw ParameterCheckError("σ_w² \(bad); give finite values ≥ 0") }
        guard layers >= 0 else { throw ParameterCheckError("layers \(layers) < 0") }
        let steps = Double(sw2.count) * (Double(layers) + 1)
        // q^l and c^l per σ_w², in the stage and again in its result.
        try MemoryBudget.require(bytes: 4 * 8 * steps, for: "\(sw2.count) trajectories of \(layers) layers", fix: "give fewer layers")
        try WorkBudget.require(operations: steps * TheoryCost.layerStep, for: "\(sw2.count) trajectories of \(layers) layers", fix: "give fewer layers")
    }
}
