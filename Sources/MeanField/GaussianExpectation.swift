import Foundation

/// Gaussian expectations E[f(m + s z)] and E[h(u₁, u₂)] for correlated pairs (002 Eqs. 3, 5–8).
///
/// ```swift
/// // E[tanh(√q z)²] at q = 2
/// GaussianExpectation.expectation(standardDeviation: 2.0.squareRoot()) { tanh($0) * tanh($0) }
/// ```
///
/// Rule choice (verified in the tests against an independent adaptive quadrature to 1e-10
/// relative for q up to 100, kinks included):
/// - the 64-node ``GaussHermiteRule`` when the integrand has no kink within 9.5 s of the mean and
///   s ≤ 0.5, where Gauss–Hermite is exact to rounding;
/// - otherwise a split rule: 12-node Gauss–Legendre panels in z on [−9.5, 9.5], with panel edges
///   at every kink (so no panel straddles one), at unit steps of z (the Gaussian's scale) and at
///   graded steps of u = m + s z (the activation's own scale, 0.75 near the origin, wider in
///   the tails). The rescaling by 1/s keeps the rule accurate when q is large and the integrand
///   narrows in z. The Gaussian mass beyond |z| = 9.5 is 2·10⁻²¹.
public enum GaussianExpectation {
    static let zMax = 9.5
    /// Panel edges in u: dense where activations bend, wider where they are nearly affine.
    static let featureEdges: [Double] = {
        let positive: [Double] = [0.75, 1.5, 2.25, 3, 4, 5, 6.5, 8, 10, 13, 17, 22, 30, 45, 70]
        return positive.reversed().map { -$0 } + [0] + positive
    }()

    /// E[f(mean + standardDeviation · z)] for z ~ N(0, 1); `kinks` are the points (in the argument
    /// of f) where f or a low derivative is not smooth.
    public static func expectation(mean m: Double = 0, standardDeviation s: Double, kinks: [Double] = [],
                                   _ f: (Double) -> Double) -> Double {
        if s == 0 {
            // The limit s → 0⁺: at a kink the Gaussian puts half its mass on each side.
            if kinks.contains(m) { return 0.5 * (f(m.nextDown) + f(m.nextUp)) }
            return f(m)
        }
        let kinkNearby = kinks.contains { abs($0 - m) < zMax * s }
        if !kinkNearby && s <= 0.5 {
            return GaussHermiteRule.standard.expectation { f(m + s * $0) }
        }
        var mandatory: [Double] = []
        for k in kinks { let z = (k - m) / s; if abs(z) < zMax { mandatory.append(z) } }
        let edges = panelEdges(mandatory: mandatory, features: [(m, s)])
        return panelSum(edges: edges) { f(m + s * $0) }
    }

    /// E[h(u₁, u₂)] where (u₁, u₂) is centred Gaussian with variances q₁, q₂ and correlation c
    /// (002 Eqs. 6–7: u₁ = √q₁ z₁, u₂ = √q₂ (c z₁ + √(1−c²) z₂)). `kinks1` and `kinks2` are the
    /// kinks of h in u₁ and in u₂. The inner integral over z₂ is itself one of ``expectation(mean:standardDeviation:kinks:_:)``.
    public static func correlated(q1: Double, q2: Double, c: Double, kinks1: [Double] = [], kinks2: [Double] = [],
                                  _ h: (Double, Double) -> Double) -> Double {
        let r1 = q1.squareRoot(), r2 = q2.squareRoot()
        let s = ((1 - c) * (1 + c)).squareRoot()
        let sigma2 = r2 * s
        if sigma2 == 0 || s < 1e-14 {
            // u₂ = ±u₁ (c = ±1): one integral over z₁; a kink k of h in u₂ sits at z₁ = k/(r₂c).
            var kinks = r1 > 0 ? kinks1.map { $0 / r1 } : []
            if r2 * c != 0 { kinks += kinks2.map { $0 / (r2 * c) } }
            return expectation(standardDeviation: 1, kinks: kinks) { h(r1 * $0, r2 * c * $0) }
        }
        // Outer integrand g(z₁) = E_{z₂}[h(r₁z₁, r₂(c z₁ + s z₂))]. It bends at the kinks of h in u₁
        // and, smoothed over a width s/|c| in z₁, near the kinks of h in u₂; grade the panels there.
        var mandatory: [Double] = []
        if r1 > 0 { for k in kinks1 { let z = k / r1; if abs(z) < zMax { mandatory.append(z) } } }
        var graded: [Double] = []
        if r2 * abs(c) > 0 {
            let width = s / abs(c)
            for k in kinks2 {
                let z = k / (r2 * c)
                guard abs(z) < zMax else { continue }
                graded.append(z)
                var d = 0.5 * width
                while d < 1 { graded.append(z - d); graded.append(z + d); d *= 2 }
            }
        }
        var features: [(Double, Double)] = []
        if r1 > 0 { features.append((0, r1)) }
        if r2 * abs(c) > 0 { features.append((0, r2 * abs(c))) }
        let edges = panelEdges(mandatory: mandatory + graded.filter { abs($0) < zMax }, features: features)
        return panelSum(edges: edges) { z1 in
            let u1 = r1 * z1
            return expectation(mean: r2 * c * z1, standardDeviation: sigma2, kinks: kinks2) { u2 in h(u1, u2) }
        }
    }

    /// E[f(u₁) g(u₂)] for the correlated pair of ``correlated(q1:q2:c:kinks1:kinks2:_:)``.
    public static func product(q1: Double, q2: Double, c: Double, kinksF: [Double] = [], kinksG: [Double] = [],
                               _ f: @escaping (Double) -> Double, _ g: @escaping (Double) -> Double) -> Double {
        correlated(q1: q1, q2: q2, c: c, kinks1: kinksF, kinks2: kinksG) { f($0) * g($1) }
    }

    /// Sorted panel edges on [−zMax, zMax]: the mandatory points, then unit steps in z and the
    /// feature edges of each (offset, scale) map u = offset + scale · z, dropping optional edges
    /// that would make a sliver panel next to a kept one.
    static func panelEdges(mandatory: [Double], features: [(Double, Double)]) -> [Double] {
        // Written with plain loops: it runs once per inner integral of ``correlated``, so in
        // unoptimised (debug) builds closure-heavy code here dominated the cost.
        var optional: [Double] = []
        optional.reserveCapacity(19 + features.count * featureEdges.count)
        for i in -9...9 { optional.append(Double(i)) }
        var minScale = 1.0
        for (offset, scale) in features where scale > 0 {
            minScale = min(minScale, 0.75 / scale)
            let inverse = 1 / scale
            for u in featureEdges {
                let z = (u - offset) * inverse
                if abs(z) < zMax { optional.append(z) }
            }
        }
        optional.sort()
        let gap = 0.3 * minScale
        var candidates = mandatory
        candidates.append(-zMax)
        candidates.append(zMax)
        candidates.sort()
        var hard: [Double] = []
        hard.reserveCapacity(candidates.count)
        for z in candidates where hard.isEmpty || z - hard[hard.count - 1] > 1e-12 { hard.append(z) }
        // Keep an optional edge only if it is at least `gap` from every kept edge. Both lists are
        // sorted, so one pointer into `hard` finds the hard edges either side of z.
        var edges = hard
        edges.reserveCapacity(hard.count + optional.count)
        var lastOptional = -Double.infinity
        var lo = 0
        for z in optional where z - lastOptional >= gap {
            while lo < hard.count && hard[lo] < z { lo += 1 }
            let near = (lo < hard.count && hard[lo] - z < gap) || (lo > 0 && z - hard[lo - 1] < gap)
            if !near { edges.append(z); lastOptional = z }
        }
        edges.sort()
        return edges
    }

    /// Σ over panels of 12-node Gauss–Legendre applied to g(z) φ(z), φ the standard normal density.
    static func panelSum(edges: [Double], _ g: (Double) -> Double) -> Double {
        let rule = GaussLegendreRule.panel
        let norm = 1 / (2 * Double.pi).squareRoot()
        var total = 0.0
        for p in 0..<(edges.count - 1) {
            let a = edges[p], b = edges[p + 1]
            let half = 0.5 * (b - a), mid = 0.5 * (a + b)
            var sum = 0.0
            for i in 0..<rule.nodes.count {
                let z = mid + half * rule.nodes[i]
                sum += rule.weights[i] * exp(-0.5 * z * z) * g(z)
            }
            total += half * sum
        }
        return total * norm
    }
}
