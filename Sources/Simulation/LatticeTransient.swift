import Foundation

/// How long the input's transient lasts in the norm trajectories of linear lattice networks
/// (003 Appendix 8.3, Fig. 7(a), which reads "around 100 layers" off the plot).
///
/// Measured: the first layer at which the ensemble-mean norm comes within one bulk spread of the
/// bulk mean, the bulk being the analysis window (layers L/2 … L) of every network, its spread the
/// standard deviation of |z^l| there (the size of one network's fluctuations).
///
/// Predicted (mean field, this project's reading; not in 003): E|z^l|² = N q^l with the linear
/// variance map q^l = σ_w² q^{l−1} + σ_b² (001/002's map with φ(z) = z), so
/// q^l = q* + (q⁰ − q*) σ_w^{2l}, q* = σ_b²/(1 − σ_w²), q⁰ = |z⁰|²/N from the networks' inputs;
/// the transient ends at the first l with |√(N q^l) − r*| within the same band, r* = √(N q*).
///
/// ```swift
/// let end = LatticeTransient.measure(trajectories, windowStart: 512)
/// end.layer        // 37 at σ_w² = 0.9, N = 200 (3 networks)
/// LatticeTransient.predictedEnd(inputNorms: trajectories.map { $0[0] }, width: 200, sw2: 0.9, sb2: 0.01, band: end.bulkSpread)   // 35
/// ```
public enum LatticeTransient {
    /// The measured end of the transient, with the bulk it is measured against.
    public struct Measurement: Equatable, Sendable {
        /// First layer within one bulk spread of the bulk mean (NaN if none before the window).
        public var layer: Double
        /// Mean of |z^l| over the analysis window and the networks.
        public var bulkMean: Double
        /// Standard deviation of |z^l| over the analysis window and the networks.
        public var bulkSpread: Double
    }

    /// Measures the end of the transient in `trajectories` (one |z^l|, l = 0 … L, per network;
    /// all of one length) with the analysis window starting at layer `windowStart`.
    public static func measure(_ trajectories: [[Double]], windowStart: Int) -> Measurement {
        guard let length = trajectories.first?.count, length > windowStart, windowStart >= 0,
              trajectories.allSatisfy({ $0.count == length })
        else { return Measurement(layer: .nan, bulkMean: .nan, bulkSpread: .nan) }
        let bulk = trajectories.flatMap { $0[windowStart...] }
        let bulkMean = bulk.reduce(0, +) / Double(bulk.count)
        let bulkSpread = (bulk.reduce(0) { $0 + ($1 - bulkMean) * ($1 - bulkMean) } / Double(bulk.count)).squareRoot()
        let count = Double(trajectories.count)
        let entry = (0..<windowStart).first { layer in
            abs(trajectories.reduce(0) { $0 + $1[layer] } / count - bulkMean) <= bulkSpread
        }
        return Measurement(layer: entry.map(Double.init) ?? .nan, bulkMean: bulkMean, bulkSpread: bulkSpread)
    }

    /// The mean-field end of the transient for inputs of norms `inputNorms` (|z⁰| per network):
    /// the first layer l ≤ `maximumLayer` with |√(N q^l) − r*| ≤ `band`; NaN when σ_w² ≥ 1 (no
    /// fixed point) or none.
    public static func predictedEnd(inputNorms: [Double], width: Int, sw2: Double, sb2: Double, band: Double, maximumLayer: Int = 100_000) -> Double {
        guard sw2 < 1, sw2 >= 0, width > 0, !inputNorms.isEmpty, band.isFinite, band >= 0 else { return .nan }
        let n = Double(width)
        let fixedPoint = sb2 / (1 - sw2), saddle = (n * fixedPoint).squareRoot()
        let q0 = inputNorms.reduce(0) { $0 + $1 * $1 } / Double(inputNorms.count) / n
        var deviation = q0 - fixedPoint
        for layer in 0...maximumLayer {
            if abs((n * (fixedPoint + deviation)).squareRoot() - saddle) <= band { return Double(layer) }
            deviation *= sw2
        }
        return .nan
    }
}
