import Foundation
import Pipeline
import Simulation

extension FiniteWidthPropagation.Parameters: CheckedParameters {
    /// Refuses, when the graph is built, what the stage and its figure cannot use: empty σ_w² or
    /// width lists (the figure plots the widest network of each σ_w²), non-positive sizes, and
    /// dense weight matrices larger than memory.
    public func check() throws {
        guard !sw2.isEmpty else { throw ParameterCheckError("sw2 is empty; give at least one σ_w²") }
        guard !widths.isEmpty else { throw ParameterCheckError("widths is empty; give at least one width") }
        if let bad = widths.first(where: { $0 < 1 }) { throw ParameterCheckError("width \(bad) < 1") }
        guard depth >= 1 else { throw ParameterCheckError("depth \(depth) < 1") }
        guard networks >= 1 else { throw ParameterCheckError("networks \(networks) < 1") }
        let widest = Double(widths.max()!)
        // Each worker holds one N × N Float64 weight matrix (dense sampler) and a few N-vectors;
        // results are ~10 arrays over σ_w², widths and layers.
        let perWorker = (sampler == .dense ? 8 * widest * widest : 0) + 64 * widest
        let bytes = Double(ProcessInfo.processInfo.activeProcessorCount) * perWorker
            + 80 * Double(sw2.count) * Double(widths.count) * Double(depth + 1)
        try MemoryBudget.require(bytes: bytes, for: "widths up to \(widths.max()!) with depth \(depth)", fix: "give smaller widths or depth")
    }
}
