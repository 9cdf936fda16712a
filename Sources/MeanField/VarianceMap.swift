import Foundation

/// The length map of 002 Eq. 3, q ↦ σ_w² E[φ(√q z)²] + σ_b² (the paper's printed Eq. 3 drops the
/// square; Eq. 23 of its appendix has it).
///
/// ```swift
/// let map = VarianceMap(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05)
/// let q1 = map(1.0)                    // q¹ from q⁰ = 1
/// let qStar = map.fixedPoint()         // .value(0.2685…)
/// ```
public struct VarianceMap: Hashable, Sendable {
    public let activation: Activation
    /// σ_w².
    public let weightVariance: Double
    /// σ_b².
    public let biasVariance: Double

    public init(activation: Activation, weightVariance: Double, biasVariance: Double) {
        self.activation = activation
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
    }

    /// q^{l+1} given q^l.
    public func callAsFunction(_ q: Double) -> Double {
        let phi = activation
        return weightVariance * GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: phi.kinks) {
            let v = phi.value($0); return v * v
        } + biasVariance
    }

    /// dq^{l+1}/dq^l = σ_w² E[φ′(u)² + φ(u)φ″(u)], u ~ N(0, q): the χ_q of 002 Eq. 9 and Eq. 19.
    /// Evaluated through Stein's lemma as σ_w² E[u φ(u) φ′(u)] / q, which equals the expression
    /// above for smooth φ and also counts the delta functions in φ″ of relu and hardtanh.
    public func slope(at q: Double) -> Double {
        let phi = activation
        if q < 1e-300 {
            // The limit q → 0⁺ of E[φ′² + φφ″]; at a kink at 0 (relu, softsign, selu) the
            // Gaussian puts half its mass on each side, so average the one-sided values.
            let sides: [Double] = phi.kinks.contains(0) ? [-Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude] : [0]
            let mean = sides.map { x -> Double in
                let d = phi.derivative(x); return d * d + phi.value(x) * phi.secondDerivative(x)
            }.reduce(0, +) / Double(sides.count)
            return weightVariance * mean
        }
        return weightVariance * GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: phi.kinks) {
            $0 * phi.value($0) * phi.derivative($0)
        } / q
    }

    /// The fixed point q* reached from small q⁰ > 0, or the reason there is none.
    ///
    /// For positively homogeneous φ (relu, linear) the map is affine, q ↦ σ_w²κ q + σ_b² with
    /// κ = E[φ(z)²] (½ for relu), and the answer is exact: a finite q* below σ_w²κ = 1, every q a
    /// fixed point at the critical point (σ_w²κ = 1, σ_b² = 0), linear growth on the
    /// semi-critical line (σ_w²κ = 1, σ_b² > 0) and geometric growth above.
    /// Otherwise q* is the first downward crossing of q ↦ F(q) − q above 0 (a stable fixed point),
    /// polished by Brent's method to rounding; no crossing up to q = 10¹² means unbounded growth.
    public func fixedPoint() -> VarianceFixedPoint {
        let phi = activation
        if phi.isPositivelyHomogeneous {
            let kappa = phi == .relu ? 0.5 : 1.0
            let a = weightVariance * kappa
            if abs(a - 1) <= 1e-14 {
                return biasVariance == 0 ? .everyValue : .linearGrowth(perLayer: biasVariance)
            }
            if a > 1 { return .unbounded(growthRatio: a) }
            return .value(biasVariance / (1 - a))
        }
        let g: (Double) -> Double = { self($0) - $0 }
        let g0 = weightVariance * phi.value(0) * phi.value(0) + biasVariance
        if g0 == 0 && slope(at: 0) <= 1 { return .value(0) }
        let upper: Double
        switch phi.outputRange {
        case .symmetricUnit, .unitInterval: upper = weightVariance + biasVariance
        case .bounded(let lo, let hi): upper = weightVariance * max(lo * lo, hi * hi) + biasVariance
        case .unbounded: upper = 1e12 * max(1, biasVariance)
        }
        var lo = 0.0, glo = g0
        var q = g0 > 0 ? min(g0, upper) : 1e-8
        if g0 > 0 {
            // q* ≥ F(0) = g0 because F is increasing; start the bracket search there.
            lo = 0
        }
        while true {
            let gq = g(q)
            if gq <= 0 {
                let root = RootFinding.brent(g, lo, q, fa: glo, fb: gq)
                return .value(root)
            }
            lo = q; glo = gq
            if q >= upper { break }
            q = min(upper, q * 1.6)
        }
        return .unbounded(growthRatio: nil)
    }
}

/// What the variance map does in the deep limit.
public enum VarianceFixedPoint: Codable, Hashable, Sendable {
    /// A stable fixed point q*.
    case value(Double)
    /// Every q is a fixed point (ReLU at (σ_b², σ_w²) = (0, 2); linear at (0, 1)): q^l = q⁰.
    case everyValue
    /// No fixed point: q^l = q⁰ + l · perLayer (ReLU's semi-critical line σ_w² = 2, σ_b² > 0).
    case linearGrowth(perLayer: Double)
    /// No fixed point: q grows geometrically (ratio σ_w²κ when known).
    case unbounded(growthRatio: Double?)

    /// q* when it is a single number.
    public var value: Double? { if case .value(let q) = self { return q } else { return nil } }

    /// A sentence saying why there is no single q*, or nil when there is one.
    public var explanation: String? {
        switch self {
        case .value: return nil
        case .everyValue: return "every q is a fixed point here (critical point): q^l = q^0 for all l"
        case .linearGrowth(let b): return "no fixed point: q grows linearly, q^l = q^0 + l*\(b) (semi-critical line)"
        case .unbounded(let r):
            if let r { return "no fixed point: q grows without bound (geometrically, ratio \(r) per layer)" }
            return "no fixed point: q grows without bound"
        }
    }
}
