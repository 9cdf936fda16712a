import Foundation
import Testing
@testable import MeanField

/// q*, c*, χ₁, χ_c, ξ_q, ξ_c against values the test computes itself: the reference quadrature
/// and a regula-falsi root for tanh, closed forms for erf, ReLU and linear.
@Suite("Fixed points and depth scales")
struct FixedPointTests {
    struct Expected { var q: Double; var c: Double; var chi1: Double; var chiC: Double; var chiQ: Double }

    /// q* and c* by roots of the maps evaluated with ``Reference``; susceptibilities likewise.
    static func referencePoint(_ a: TestActivation, sw2: Double, sb2: Double) -> Expected {
        let F: (Double) -> Double = { q in sw2 * Reference.expectation(sd: q.squareRoot(), kinks: a.kinks) { a.f($0) * a.f($0) } + sb2 }
        let q = Reference.root({ F($0) - $0 }, max(sb2, 1e-3), sw2 + sb2 + 1)
        let s = q.squareRoot()
        let chi1 = sw2 * Reference.expectation(sd: s, kinks: a.kinks) { a.df($0) * a.df($0) }
        let chiQ = sw2 * Reference.expectation(sd: s, kinks: a.kinks) { $0 * a.f($0) * a.df($0) } / q
        guard chi1 > 1 else { return Expected(q: q, c: 1, chi1: chi1, chiC: chi1, chiQ: chiQ) }
        let cmap: (Double) -> Double = { c in
            (sw2 * Reference.product(q1: q, q2: q, c: c, kinksF: a.kinks, kinksG: a.kinks, a.f, a.f) + sb2) / q - c
        }
        let c = Reference.root(cmap, 0, 0.999, tolerance: 1e-13)
        let chiC = sw2 * Reference.product(q1: q, q2: q, c: c, kinksF: a.kinks, kinksG: a.kinks, a.df, a.df)
        return Expected(q: q, c: c, chi1: chi1, chiC: chiC, chiQ: chiQ)
    }

    static func check(_ p: MeanFieldPoint, _ e: Expected, tolerance: Double, _ label: String) {
        #expect(relativeError(p.qStar ?? .nan, e.q) <= tolerance, "\(label) q* \(p.qStar ?? .nan) vs \(e.q)")
        #expect(relativeError(p.cStar ?? .nan, e.c) <= tolerance, "\(label) c* \(p.cStar ?? .nan) vs \(e.c)")
        #expect(relativeError(p.chi1 ?? .nan, e.chi1) <= tolerance, "\(label) chi1 \(p.chi1 ?? .nan) vs \(e.chi1)")
        #expect(relativeError(p.chiC ?? .nan, e.chiC) <= tolerance, "\(label) chi_c \(p.chiC ?? .nan) vs \(e.chiC)")
        #expect(relativeError(p.chiQ ?? .nan, e.chiQ) <= tolerance, "\(label) chi_q \(p.chiQ ?? .nan) vs \(e.chiQ)")
        #expect(relativeError(p.xiC ?? .nan, -1 / log(e.chiC)) <= 10 * tolerance, "\(label) xi_c \(p.xiC ?? .nan) vs \(-1 / log(e.chiC))")
        #expect(relativeError(p.xiQ ?? .nan, -1 / log(e.chiQ)) <= 10 * tolerance, "\(label) xi_q \(p.xiQ ?? .nan) vs \(-1 / log(e.chiQ))")
    }

    @Test("tanh, ordered side (σ_w² = 1.5, σ_b² = 0.05) vs the reference quadrature")
    func tanhOrdered() throws {
        let p = try MeanFieldPoint(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05)
        #expect(p.phase == .ordered)
        Self.check(p, Self.referencePoint(.tanh, sw2: 1.5, sb2: 0.05), tolerance: 1e-10, "tanh ordered")
    }

    @Test("tanh, chaotic side (σ_w² = 2.5, σ_b² = 0.05) vs the reference quadrature")
    func tanhChaotic() throws {
        let p = try MeanFieldPoint(activation: .tanh, weightVariance: 2.5, biasVariance: 0.05)
        #expect(p.phase == .chaotic)
        Self.check(p, Self.referencePoint(.tanh, sw2: 2.5, sb2: 0.05), tolerance: 1e-9, "tanh chaotic")
    }

    @Test("softsign (kinked), chaotic side vs the reference quadrature")
    func softsignChaotic() throws {
        let p = try MeanFieldPoint(activation: .softsign, weightVariance: 4, biasVariance: 0.1)
        #expect(p.phase == .chaotic)
        Self.check(p, Self.referencePoint(.softsign, sw2: 4, sb2: 0.1), tolerance: 1e-9, "softsign chaotic")
    }

    @Test("tanh at σ_b² = 0: q* = 0 below σ_w² = 1; c* = 0 above (odd φ, no bias)")
    func tanhNoBias() throws {
        let below = try MeanFieldPoint(activation: .tanh, weightVariance: 0.8, biasVariance: 0)
        #expect(below.qStar == 0 && below.cStar == 1 && below.phase == .ordered)
        #expect(abs(below.chi1! - 0.8) <= 1e-15 && abs(below.chiQ! - 0.8) <= 1e-15)
        let above = try MeanFieldPoint(activation: .tanh, weightVariance: 2, biasVariance: 0)
        #expect(above.phase == .chaotic)
        #expect(abs(above.cStar!) <= 1e-12, "c* = \(above.cStar!)")
        let q = above.qStar!
        let mean = Reference.expectation(sd: q.squareRoot()) { TestActivation.tanh.df($0) }
        #expect(relativeError(above.chiC!, 2 * mean * mean) <= 1e-10)
    }

    /// erf: E[erf(√q z)²] = (2/π) arcsin(2q/(1+2q)), so every map is in closed form.
    static func erfExpected(sw2: Double, sb2: Double) -> Expected {
        let F: (Double) -> Double = { q in sw2 * 2 / Double.pi * asin(2 * q / (1 + 2 * q)) + sb2 }
        let q = Reference.root({ F($0) - $0 }, max(sb2, 1e-6), sw2 + sb2)
        let chi1 = sw2 * 4 / Double.pi / (1 + 4 * q).squareRoot()
        let chiQ = sw2 * 4 / Double.pi / ((1 + 2 * q) * (1 + 4 * q).squareRoot())
        guard chi1 > 1 else { return Expected(q: q, c: 1, chi1: chi1, chiC: chi1, chiQ: chiQ) }
        let cmap: (Double) -> Double = { c in (sw2 * 2 / Double.pi * asin(2 * q * c / (1 + 2 * q)) + sb2) / q - c }
        let c = Reference.root(cmap, -0.5, 1 - 1e-6)
        let chiC = sw2 * 4 / Double.pi / ((1 + 2 * q) * (1 + 2 * q) - 4 * q * q * c * c).squareRoot()
        return Expected(q: q, c: c, chi1: chi1, chiC: chiC, chiQ: chiQ)
    }

    @Test("erf on both sides vs closed forms (Williams 1997)", arguments: [(0.6, 0.05), (1.2, 0.2), (3.0, 0.05), (10.0, 0.5)])
    func erfClosedForm(_ point: (Double, Double)) throws {
        let (sw2, sb2) = point
        let p = try MeanFieldPoint(activation: .erf, weightVariance: sw2, biasVariance: sb2)
        let e = Self.erfExpected(sw2: sw2, sb2: sb2)
        #expect(p.phase == (e.chi1 > 1 ? .chaotic : .ordered))
        Self.check(p, e, tolerance: 1e-10, "erf sw2=\(sw2) sb2=\(sb2)")
    }

    @Test("erf correlation map at arbitrary c vs closed form")
    func erfCorrelationMap() {
        let q = 1.7, sw2 = 2.2, sb2 = 0.3
        let map = CorrelationMap(activation: .erf, weightVariance: sw2, biasVariance: sb2, q: q)
        let qNext = sw2 * 2 / Double.pi * asin(2 * q / (1 + 2 * q)) + sb2
        #expect(relativeError(VarianceMap(activation: .erf, weightVariance: sw2, biasVariance: sb2)(q), qNext) <= 1e-13)
        for c in [-0.9, -0.2, 0.4, 0.9, 0.999999] {
            let exact = (sw2 * 2 / Double.pi * asin(2 * q * c / (1 + 2 * q)) + sb2) / qNext
            #expect(relativeError(map(c), exact) <= 1e-11, "c=\(c)")
        }
    }

    @Test("ReLU below σ_w² = 2: q* = σ_b²/(1 − σ_w²/2), χ₁ = χ_q = σ_w²/2, c* = 1")
    func reluOrdered() throws {
        for (sw2, sb2) in [(1.0, 0.1), (1.9, 0.05), (0.5, 2.0)] {
            let p = try MeanFieldPoint(activation: .relu, weightVariance: sw2, biasVariance: sb2)
            let chi = sw2 / 2
            Self.check(p, Expected(q: sb2 / (1 - chi), c: 1, chi1: chi, chiC: chi, chiQ: chi), tolerance: 1e-12, "relu \(sw2)")
            #expect(p.phase == .ordered)
        }
    }

    @Test("ReLU with σ_b² = 0 below σ_w² = 2: q* = 0 and χ₁ = σ_w²/2 (the q → 0 limit, not φ′(0)²)")
    func reluZeroBias() throws {
        let p = try MeanFieldPoint(activation: .relu, weightVariance: 1.5, biasVariance: 0)
        #expect(p.qStar == 0)
        #expect(abs(p.chi1! - 0.75) <= 1e-15, "chi1 = \(p.chi1!)")
        #expect(abs(p.chiQ! - 0.75) <= 1e-15, "chi_q = \(p.chiQ!)")
        #expect(p.phase == .ordered)
    }

    @Test("ReLU maps: q-map linear, c-map the arc-cosine kernel, slopes in closed form")
    func reluMaps() {
        let sw2 = 2.4, sb2 = 0.2
        let vmap = VarianceMap(activation: .relu, weightVariance: sw2, biasVariance: sb2)
        for q in [0.0, 0.3, 1, 17, 100] {
            #expect(relativeError(vmap(q), sw2 * q / 2 + sb2) <= 1e-14)
            if q > 0 { #expect(relativeError(vmap.slope(at: q), sw2 / 2) <= 1e-13) }
        }
        for q in [0.4, 3.0] {
            let cmap = CorrelationMap(activation: .relu, weightVariance: sw2, biasVariance: sb2, q: q)
            for c in [-0.95, -0.3, 0, 0.5, 0.99, 0.99999] {
                let theta = acos(c)
                let exact = (sw2 * q / (2 * Double.pi) * (sin(theta) + (Double.pi - theta) * c) + sb2) / (sw2 * q / 2 + sb2)
                #expect(relativeError(cmap(c), exact) <= 1e-12, "q=\(q) c=\(c): \(cmap(c)) vs \(exact)")
                #expect(relativeError(cmap.slope(at: c), sw2 * (Double.pi - theta) / (2 * Double.pi)) <= 1e-12)
            }
        }
    }

    @Test("linear: q* = σ_b²/(1 − σ_w²), χ₁ = χ_q = σ_w², c* = 1")
    func linear() throws {
        let p = try MeanFieldPoint(activation: .linear, weightVariance: 0.7, biasVariance: 0.3)
        Self.check(p, Expected(q: 0.3 / 0.3, c: 1, chi1: 0.7, chiC: 0.7, chiQ: 0.7), tolerance: 1e-13, "linear")
        let cmap = CorrelationMap(activation: .linear, weightVariance: 0.7, biasVariance: 0.3, q: 2)
        #expect(relativeError(cmap(0.25), (0.7 * 2 * 0.25 + 0.3) / (0.7 * 2 + 0.3)) <= 1e-14)
        let critical = try MeanFieldPoint(activation: .linear, weightVariance: 1, biasVariance: 0)
        #expect(critical.phase == .critical && critical.qStar == nil && critical.varianceFixedPoint == .everyValue)
    }

    @Test("ReLU: (σ_b², σ_w²) = (0, 2) is critical; σ_w² = 2, σ_b² > 0 is the semi-critical line; σ_w² > 2 has no q*")
    func reluCritical() throws {
        let point = try MeanFieldPoint(activation: .relu, weightVariance: 2, biasVariance: 0)
        #expect(point.phase == .critical && point.qStar == nil && point.chi1 == 1)
        #expect(point.varianceFixedPoint == .everyValue)
        #expect(point.notes.contains { $0.contains("critical point") })

        let semi = try MeanFieldPoint(activation: .relu, weightVariance: 2, biasVariance: 0.1)
        #expect(semi.phase == .critical && semi.qStar == nil && semi.xiC == nil)
        #expect(semi.varianceFixedPoint == .linearGrowth(perLayer: 0.1))
        #expect(semi.notes.contains { $0.contains("semi-critical") }, "\(semi.notes)")

        let above = try MeanFieldPoint(activation: .relu, weightVariance: 2.5, biasVariance: 0.1)
        #expect(above.qStar == nil && above.cStar == nil && above.phase == .chaotic)
        #expect(above.varianceFixedPoint == .unbounded(growthRatio: 1.25))
        #expect(above.notes.first?.contains("no fixed point") == true, "\(above.notes)")
        // An unbounded activation above its critical slope has no q*, hence no χ₁: a thrown error, not a crash.
        #expect(throws: MeanFieldError.self) {
            try DynamicalIsometry.meanSquaredSingularValue(activation: .selu, weightVariance: 5, biasVariance: 0.1, depth: 3)
        }
    }

    @Test("ReLU trajectories: q^{l+1} = σ_w² q^l/2 + σ_b² exactly, linear growth on the semi-critical line")
    func reluTrajectory() throws {
        let t = try LayerTrajectory(activation: .relu, weightVariance: 2, biasVariance: 0.1, q0: 1, c0: 0.3, layers: 20)
        for l in 0...20 { #expect(relativeError(t.q[l], 1 + 0.1 * Double(l)) <= 1e-13) }
        var c = 0.3
        for l in 1...20 {
            let q = t.q[l - 1], theta = acos(c)
            c = (2 * q / (2 * Double.pi) * (sin(theta) + (Double.pi - theta) * c) + 0.1) / (q + 0.1)
            #expect(abs(t.c[l] - c) <= 1e-12, "layer \(l)")
        }
    }

    @Test("layer maps converge to q* and c* (tanh, both sides)", arguments: [1.5, 2.5])
    func layerMapsConverge(_ sw2: Double) throws {
        let p = try MeanFieldPoint(activation: .tanh, weightVariance: sw2, biasVariance: 0.05)
        let layers = 40
        let t = try LayerTrajectory(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, q0: 1, c0: 0.5, layers: layers)
        #expect(t.q.count == layers + 1 && t.c.count == layers + 1 && t.q[0] == 1 && t.c[0] == 0.5)
        #expect(abs(t.q.last! - p.qStar!) <= abs(1 - p.qStar!) * pow(p.chiQ!, Double(layers - 5)) + 1e-13, "q^L = \(t.q.last!) vs q* = \(p.qStar!)")
        #expect(abs(t.c.last! - p.cStar!) <= pow(p.chiC!, Double(layers)), "c^L = \(t.c.last!) vs c* = \(p.cStar!)")
        // Once q has settled, c approaches c* geometrically with ratio χ_c.
        let ratio = (t.c[layers] - p.cStar!) / (t.c[layers - 1] - p.cStar!)
        #expect(abs(ratio - p.chiC!) <= 1e-2, "ratio \(ratio) vs chi_c \(p.chiC!)")
    }

    @Test("depth scale: −1/log χ, +∞ at χ = 1, 0 at χ ≤ 0")
    func depthScale() {
        #expect(abs(DepthScale.fromSusceptibility(0.5) - 1 / log(2.0)) <= 1e-15)
        #expect(DepthScale.fromSusceptibility(1) == .infinity)
        #expect(DepthScale.fromSusceptibility(1.3) == .infinity)
        #expect(DepthScale.fromSusceptibility(0) == 0)
    }

    @Test("dynamical isometry: mean squared singular value χ₁^D")
    func dynamicalIsometry() throws {
        #expect(DynamicalIsometry.meanSquaredSingularValue(chi1: 1, depth: 40) == 1)
        #expect(abs(DynamicalIsometry.meanSquaredSingularValue(chi1: 0.9, depth: 10) - pow(0.9, 10)) <= 1e-15)
        let p = try MeanFieldPoint(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05)
        let d = try DynamicalIsometry.meanSquaredSingularValue(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05, depth: 40)
        #expect(relativeError(d, pow(p.chi1!, 40)) <= 1e-13)
        #expect(try DynamicalIsometry.meanSquaredSingularValue(activation: .relu, weightVariance: 2, biasVariance: 0, depth: 40) == 1)
        let critical = try CriticalLine.point(activation: .tanh, biasVariance: 0.05)
        let atCritical = try DynamicalIsometry.meanSquaredSingularValue(activation: .tanh, weightVariance: critical.weightVariance,
                                                                        biasVariance: 0.05, depth: 40)
        #expect(abs(atCritical - 1) <= 1e-9)
    }
}
