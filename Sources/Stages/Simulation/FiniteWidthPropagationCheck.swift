import Foundation
import Pipeline
import Simulation

extension FiniteWidthPropagation.Parameters: CheckedParameters {
    /// Refuses, when the graph is built, what the stage and its figure cannot use: empty σ_w² or
    /// width lists (the figure plots the widest network of each σ_w²), non-positive sizes, dense
    /// weight matrices larger than memory, and ensembles that cannot finish.
    public func check() throws {
        guard !sw2.isEmpty else { throw ParameterCheckError("sw2 is empty; give at least one σ_w²") }
        guard !widths.isEmpty else { throw ParameterCheckError("widths is empty; give at least one width") }
        if let bad = widths.first(where: { $0 < 1 }) { throw ParameterCheckError("width \(bad) < 1") }
        guard depth >= 1 else { throw ParameterCheckError("depth \(depth) < 1") }
        guard networks >= 1 else { throw ParameterCheckError("networks \(networks) < 1") }
        let widest = Double(widths.max()!)
        // Each worker holds one N × N Float64 weight matrix (dense sampler) and a few N-vectors;
        // every network keeps q^l and c^l until the mean over networks is taken; results are
        // ~10 arrays over σ_w², widths and layers.
        let perWorker = (sampler == .dense ? 8 * widest * widest : 0) + 64 * widest
        let bytes = Double(ProcessInfo.processInfo.activeProcessorCount) * perWorker
            + Double(networks) * (256 + 16 * (Double(depth) + 1))
            + 80 * Double(sw2.count) * Double(widths.count) * (Double(depth) + 1)
        try MemoryBudget.require(bytes: bytes, for: "\(networks) networks of widths up to \(widths.max()!) with depth \(depth)",
                                 fix: "give fewer networks, smaller widths or depth")
        // Every layer of every network multiplies by an N × N matrix (dense) or draws 2N numbers.
        let perLayer = widths.reduce(0.0) { total, n in total + (sampler == .dense ? Double(n) * Double(n) : 2 * Double(n)) }
        try WorkBudget.require(operations: Double(sw2.count) * Double(networks) * Double(depth) * perLayer,
                               for: "\(sw2.count) σ_w² × \(networks) networks of widths up to \(widths.max()!) with depth \(depth)",
                               fix: "give fewer networks, smaller widths or depth")
    }
}
