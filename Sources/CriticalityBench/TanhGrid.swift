import Foundation
import MeanField

/// The grid `make bench` times: the 200 × 200 tanh ξ_c grid of the phase diagram. Bench-only, so
/// it lives here rather than in MeanField, which ships in every binary.
enum TanhGrid {
    /// The grid axes: σ_w² ∈ [1, 4], σ_b² ∈ [0, 0.25], `size` points each.
    static func axes(size: Int) -> (weightVariances: [Double], biasVariances: [Double]) {
        let w = (0..<size).map { 1 + 3 * Double($0) / Double(max(size - 1, 1)) }
        let b = (0..<size).map { 0.25 * Double($0) / Double(max(size - 1, 1)) }
        return (w, b)
    }

    /// Computes the size × size tanh ξ_c grid and returns it with the wall time in seconds
    /// (single thread).
    static func compute(size: Int = 200) throws -> (grid: CorrelationDepthGrid, seconds: Double) {
        let (w, b) = axes(size: size)
        let start = DispatchTime.now().uptimeNanoseconds
        let grid = try CorrelationDepthGrid(activation: .tanh, weightVariances: w, biasVariances: b)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (grid, seconds)
    }
}

