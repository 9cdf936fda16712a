import Foundation

/// ξ_c over a grid of (σ_w², σ_b²): the phase diagram of 002 §3.1 and the overlay of Figures 1–2.
///
/// ```swift
/// let grid = try CorrelationDepthGrid(activation: .tanh,
///                                     weightVariances: stride(from: 1, through: 4, by: 0.015).map { $0 },
///                                     biasVariances: [0.05])
/// grid.xiC(weight: 10, bias: 0)
/// ```
///
/// For smooth activations (no kinks, not relu/linear) a fast path solves each point:
/// - q* by Newton's method on F(q) − q, warm-started by extrapolating the two previous points
///   of the row, with the panel rule of ``GaussianExpectation`` built once per q-band (half the
///   line for odd φ);
/// - in the chaotic phase, c* and χ_c from the Mehler expansion
///   E[φ(u₁)φ(u₂)] = Σ_k a_k² c^k, a_k = E[φ(√q* z) He_k(z)]/√k!, so one set of Hermite
///   coefficients per point turns the 2-D correlation map into a polynomial; the series is
///   extended until its tail at c* is below 10⁻¹⁷ (else the point falls back to
///   ``MeanFieldPoint``, which happens only within a hair of the critical line); c* is the root
///   of a convex function on [0, 1] (non-negative coefficients), bracketed without a scan.
/// Kinked activations (relu, hardtanh, softsign, selu) and linear use ``MeanFieldPoint`` per point.
/// Results agree with ``MeanFieldPoint`` to about 1e-10 relative in q*, c* and χ_c (tested to
/// 1e-6 on a small grid). ξ_c = −1/log χ_c magnifies an error in χ_c by ξ_c near the critical
/// line: on the 200 × 200 benchmark grid ξ_c agrees to 1e-6 except where ξ_c > 10⁴ (worst
/// 2·10⁻⁵ at ξ_c ≈ 5·10⁵).
public struct CorrelationDepthGrid: Sendable {
    public let activation: Activation
    /// σ_w² axis (fastest-varying index).
    public let weightVariances: [Double]
    /// σ_b² axis.
    public let biasVariances: [Double]
    /// ξ_c, row-major: index = bias · weightVariances.count + weight. +∞ on the critical line,
    /// NaN where q* does not exist.
    public let xiC: [Double]
    /// q* in the same layout (NaN where none).
    public let qStar: [Double]
    /// χ₁ in the same layout.
    public let chi1: [Double]
    /// c* in the same layout.
    public let cStar: [Double]

    /// ξ_c at (σ_w²[weight], σ_b²[bias]).
    public func xiC(weight: Int, bias: Int) -> Double { xiC[bias * weightVariances.count + weight] }

    public init(activation: Activation, weightVariances: [Double], biasVariances: [Double]) throws {
        for v in weightVariances { try MeanFieldError.check(variance: v, name: "sigma_w^2 grid value") }
        for v in biasVariances { try MeanFieldError.check(variance: v, name: "sigma_b^2 grid value") }
        self.activation = activation
        self.weightVariances = weightVariances
        self.biasVariances = biasVariances
        let n = weightVariances.count * biasVariances.count
        var xi = [Double](repeating: .nan, count: n), qs = xi, chis = xi, cs = xi
        let fast = activation.kinks.isEmpty && !activation.isPositivelyHomogeneous
        var solver = FastPointSolver(activation: activation)
        for (ib, sb2) in biasVariances.enumerated() {
            // Warm start: q* of the previous point, linearly extrapolated from the two before
            // when that stays positive (q* is smooth along a row away from q* = 0).
            var previous: Double? = nil, beforePrevious: Double? = nil
            for (iw, sw2) in weightVariances.enumerated() {
                let index = ib * weightVariances.count + iw
                var guess = previous
                if let p1 = previous, let p0 = beforePrevious, p1 > 0, p0 > 0, 2 * p1 - p0 > 0 { guess = 2 * p1 - p0 }
                if fast, let r = solver.solve(sw2: sw2, sb2: sb2, guess: guess) {
                    (qs[index], chis[index], cs[index], xi[index]) = (r.q, r.chi1, r.c, r.xi)
                    (beforePrevious, previous) = (previous, r.q)
                    continue
                }
                let p = try MeanFieldPoint(activation: activation, weightVariance: sw2, biasVariance: sb2)
                qs[index] = p.qStar ?? .nan
                chis[index] = p.chi1 ?? .nan
                cs[index] = p.cStar ?? .nan
                xi[index] = p.xiC ?? .nan
                (beforePrevious, previous) = (previous, p.qStar)
            }
        }
        xiC = xi; qStar = qs; chi1 = chis; cStar = cs
    }
}

/// The per-point fast path of ``CorrelationDepthGrid``; returns nil to ask for the slow path.
struct FastPointSolver {
    let phi: Activation
    var ruleQ = -1.0
    var nodes: [Double] = [], weights: [Double] = []
    var mehlerQ = -1.0
    var mNodes: [Double] = [], mWeights: [Double] = []
    /// Hermite orders the last chaotic point needed (the next starts there).
    var orderCount = 0

    init(activation: Activation) { phi = activation }

    /// Panel nodes for E[g(√q z)], folded onto z ≥ 0 when φ is odd (all integrands are then even).
    mutating func prepare(q: Double) {
        if ruleQ > 0, q > 0.5 * ruleQ, q < 2 * ruleQ { return }
        if ruleQ == 0, q == 0 { return }
        ruleQ = q
        let s = q.squareRoot()
        let edges = GaussianExpectation.panelEdges(mandatory: [], features: s > 0 ? [(0, s)] : [])
        (nodes, weights) = FastPointSolver.panelNodes(edges: edges, fold: phi.isOdd)
    }

    static func panelNodes(edges: [Double], fold: Bool) -> ([Double], [Double]) {
        let rule = GaussLegendreRule.panel
        let norm = 1 / (2 * Double.pi).squareRoot()
        var x: [Double] = [], w: [Double] = []
        for p in 0..<(edges.count - 1) {
            var a = edges[p], b = edges[p + 1]
            if fold { if b <= 0 { continue }; a = max(a, 0) }
            let half = 0.5 * (b - a), mid = 0.5 * (a + b)
            guard half > 0 else { continue }
            for i in 0..<rule.nodes.count {
                let z = mid + half * rule.nodes[i]
                x.append(z)
                w.append((fold ? 2 : 1) * half * rule.weights[i] * exp(-0.5 * z * z) * norm)
            }
        }
        return (x, w)
    }

    @inline(__always) func valueAndDerivative(_ u: Double) -> (Double, Double) {
        switch phi {
        case .tanh: let t = Foundation.tanh(u); return (t, 1 - t * t)
        case .sigmoid: let s = Activation.logistic(u); return (s, s * (1 - s))
        default: return (phi.value(u), phi.derivative(u))
        }
    }

    /// (F(q) − σ_b²)/σ_w² = E[φ²], E[u φ φ′]/q, E[φ′²].
    mutating func moments(q: Double) -> (Double, Double, Double) {
        prepare(q: q)
        let s = q.squareRoot()
        var e2 = 0.0, es = 0.0, ed = 0.0
        for i in 0..<nodes.count {
            let (v, d) = valueAndDerivative(s * nodes[i])
            let w = weights[i]
            e2 += w * v * v
            es += w * v * d * nodes[i]
            ed += w * d * d
        }
        return (e2, s > 0 ? es / s : 0, ed)
    }

    mutating func solve(sw2: Double, sb2: Double, guess: Double?) -> (q: Double, chi1: Double, c: Double, xi: Double)? {
        let phi0 = phi.value(0), d0 = phi.derivative(0)
        var q: Double
        var finalChi1 = Double.nan
        if sb2 == 0 && phi0 == 0 && sw2 * d0 * d0 <= 1 {
            q = 0
        } else {
            q = max(guess ?? 0, 0)
            if q <= 0 { q = max(sw2 * phi0 * phi0 + sb2, 1e-3) * 2 }
            var converged = false
            for _ in 0..<60 {
                let (e2, es, _) = moments(q: q)
                let g = sw2 * e2 + sb2 - q
                let dg = sw2 * es - 1
                guard dg < 0 else { q *= 2; continue }   // left of the stable root: move right
                var next = q - g / dg
                if next <= 0 { next = 0.5 * q }
                // Newton converges quadratically: after a step of 1e-10 q the error is ~1e-20 q
                // (the residual check below confirms it).
                let done = abs(next - q) <= 1e-10 * q
                q = next
                if done { converged = true; break }
            }
            guard converged else { return nil }
            let (e2, es, ed) = moments(q: q)
            // Reject the unstable root and unconverged residuals; the slow path sorts those out.
            if sw2 * es >= 1 || abs(sw2 * e2 + sb2 - q) > 1e-13 * q { return nil }
            finalChi1 = sw2 * ed
        }
        let chi1: Double
        if q == 0 { chi1 = sw2 * d0 * d0 } else { chi1 = finalChi1 }
        if chi1 <= 1 + DepthScale.criticalTolerance || q == 0 {
            return (q, chi1, 1, DepthScale.fromSusceptibility(chi1))
        }
        guard let (c, chiC) = chaoticFixedPoint(sw2: sw2, sb2: sb2, q: q) else { return nil }
        return (q, chi1, c, DepthScale.fromSusceptibility(chiC))
    }

    /// c* and χ_c from the Mehler expansion of the correlation map at q*.
    mutating func chaoticFixedPoint(sw2: Double, sb2: Double, q: Double) -> (Double, Double)? {
        let s = q.squareRoot()
        if !(mehlerQ > 0 && q > 0.7 * mehlerQ && q < 1.4 * mehlerQ) {
            mehlerQ = q
            let h = min(0.5, 0.75 / s)
            let count = Int((GaussianExpectation.zMax / h).rounded(.up))
            let edges = (0...(2 * count)).map { -GaussianExpectation.zMax + Double($0) * GaussianExpectation.zMax / Double(count) }
            (mNodes, mWeights) = FastPointSolver.panelNodes(edges: edges, fold: phi.isOdd)
        }
        let m = mNodes.count
        var f = [Double](repeating: 0, count: m)
        for i in 0..<m { f[i] = phi.value(s * mNodes[i]) * mWeights[i] }
        // Orthonormal Hermite polynomials h_j = He_j/√j! at the nodes. For odd φ only odd orders
        // contribute, so the two-step recurrence
        //   h_{j+2} = ((x² − (2j+1)) h_j − √(j(j−1)) h_{j−2}) / √((j+1)(j+2))
        // visits odd j only (half the work); otherwise h_{j+1} = (x h_j − √j h_{j−1})/√(j+1).
        let odd = phi.isOdd
        var hPrev = [Double](repeating: 0, count: m)
        var hCur = odd ? mNodes : [Double](repeating: 1, count: m)
        let x2 = mNodes.map { $0 * $0 }
        var a2: [Double] = []
        var c = 0.0, chiC = 0.0
        // Start with as many orders as the previous point needed (neighbours need about as many).
        var batch = max(48, orderCount)
        while true {
            let target = min(a2.count + batch, 1024)
            batch = 48
            mNodes.withUnsafeBufferPointer { x in
                x2.withUnsafeBufferPointer { xx in
                    f.withUnsafeBufferPointer { fw in
                        hPrev.withUnsafeMutableBufferPointer { hp in
                            hCur.withUnsafeMutableBufferPointer { hc in
                                while a2.count < target {
                                    let j = a2.count
                                    if odd && j % 2 == 0 { a2.append(0); continue }
                                    // a_j = Σ f_i h_j(x_i), four partial sums.
                                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                                    var i = 0
                                    while i + 4 <= m {
                                        s0 += fw[i] * hc[i]; s1 += fw[i + 1] * hc[i + 1]
                                        s2 += fw[i + 2] * hc[i + 2]; s3 += fw[i + 3] * hc[i + 3]
                                        i += 4
                                    }
                                    while i < m { s0 += fw[i] * hc[i]; i += 1 }
                                    let sum = (s0 + s1) + (s2 + s3)
                                    a2.append(sum * sum)
                                    let dj = Double(j)
                                    if odd {
                                        let a = 2 * dj + 1, b = (dj * (dj - 1)).squareRoot()
                                        let scale = 1 / ((dj + 1) * (dj + 2)).squareRoot()
                                        for i in 0..<m {
                                            let next = ((xx[i] - a) * hc[i] - b * hp[i]) * scale
                                            hp[i] = hc[i]; hc[i] = next
                                        }
                                    } else {
                                        let ck = dj.squareRoot(), ck1 = 1 / (dj + 1).squareRoot()
                                        for i in 0..<m {
                                            let next = (x[i] * hc[i] - ck * hp[i]) * ck1
                                            hp[i] = hc[i]; hc[i] = next
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let k = a2.count
            let coeff = a2
            let map: (Double) -> Double = { x in
                var p = 0.0
                for j in stride(from: coeff.count - 1, through: 0, by: -1) { p = p * x + coeff[j] }
                return (sw2 * p + sb2) / q - x
            }
            // The map is a power series with non-negative coefficients, so map(c) − c is convex on
            // [0, 1]: its only root below 1 there is bracketed by [0, 1 − 10⁻⁹] when map(0) ≥ 0.
            let hi = 1.0 - 1e-9, hHi = map(hi)
            guard hHi < 0 else { return nil }
            var lo = 0.0, hLo = map(0)
            var top = hi, hTop = hHi
            while hLo < 0 && lo > -1 {
                top = lo; hTop = hLo
                lo = max(-1, lo - 0.05)
                hLo = map(lo)
            }
            guard hLo >= 0 else { return nil }
            c = RootFinding.brent(map, lo, top, fa: hLo, fb: hTop)
            var dp = 0.0
            for j in stride(from: coeff.count - 1, through: 1, by: -1) { dp = dp * c + Double(j) * coeff[j] }
            chiC = sw2 * dp / q
            // Tail estimate: the last few coefficients times c^k.
            let tolerance = 1e-17 * max(1, abs(chiC))
            let tail = coeff.suffix(8).reduce(0, +) * pow(abs(c), Double(coeff.count - 8))
            if tail < tolerance {
                // Remember the smallest order count that passes the same test, so the next
                // (neighbouring) point starts there rather than at this point's batch boundary.
                var needed = coeff.count
                while needed > 56 {
                    let t = coeff[(needed - 16)..<(needed - 8)].reduce(0, +) * pow(abs(c), Double(needed - 16))
                    if t >= tolerance { break }
                    needed -= 8
                }
                orderCount = needed
                break
            }
            if k >= 1024 { return nil }
            // Extend by about as many orders as the geometric factor c^k still needs.
            if abs(c) > 0, tail > 0 {
                let more = log(tail / tolerance) / -log(abs(c))
                if more.isFinite { batch = min(1024 - k, max(48, Int(more.rounded(.up)) + 8)) }
            }
        }
        return (c, chiC)
    }
}
