import Foundation
import Testing
@testable import MeanField

/// The library's Gaussian expectations against the independent adaptive Gauss–Kronrod reference:
/// 1e-10 relative for q up to 100, smooth and kinked activations, φ², φ′² (χ₁) and uφφ′ (χ_q).
@Suite("Gaussian expectations vs adaptive quadrature")
struct GaussianExpectationTests {
    static let variances: [Double] = [0.01, 0.3, 1, 4, 25, 100]

    @Test("E[φ(√q z)²], E[φ′(√q z)²], E[u φ φ′]/q", arguments: TestActivation.all)
    func singleVariable(_ a: TestActivation) {
        let phi = a.library
        for q in Self.variances {
            let s = q.squareRoot()
            let cases: [(String, (Double) -> Double)] = [
                ("phi^2", { a.f($0) * a.f($0) }),
                ("phi'^2", { a.df($0) * a.df($0) }),
                ("u phi phi'", { $0 * a.f($0) * a.df($0) }),
            ]
            for (label, g) in cases {
                let reference = Reference.expectation(sd: s, kinks: a.kinks, g)
                let value = GaussianExpectation.expectation(standardDeviation: s, kinks: phi.kinks, g)
                #expect(relativeError(value, reference) <= 1e-10, "\(a) \(label) q=\(q): \(value) vs \(reference)")
            }
            // The library's own maps go through the library's activation: same numbers.
            let vmap = VarianceMap(activation: phi, weightVariance: 1, biasVariance: 0)
            let ref2 = Reference.expectation(sd: s, kinks: a.kinks) { a.f($0) * a.f($0) }
            #expect(relativeError(vmap(q), ref2) <= 1e-10, "\(a) VarianceMap q=\(q)")
            let refSlope = Reference.expectation(sd: s, kinks: a.kinks) { $0 * a.f($0) * a.df($0) } / q
            #expect(relativeError(vmap.slope(at: q), refSlope) <= 1e-10, "\(a) chi_q q=\(q)")
            let refChi1 = Reference.expectation(sd: s, kinks: a.kinks) { a.df($0) * a.df($0) }
            #expect(relativeError(Susceptibility.chi1(activation: phi, weightVariance: 1, q: q), refChi1) <= 1e-10, "\(a) chi1 q=\(q)")
        }
    }

    @Test("a shifted mean and a kink off the origin (hardtanh)")
    func shiftedMean() {
        for (m, s) in [(0.7, 0.2), (-2.5, 3.0), (1.0, 0.05), (4.0, 10.0)] {
            let a = TestActivation.hardtanh
            let ref = Reference.expectation(mean: m, sd: s, kinks: a.kinks) { a.df($0) + a.f($0) * a.f($0) }
            let v = GaussianExpectation.expectation(mean: m, standardDeviation: s, kinks: Activation.hardtanh.kinks) { a.df($0) + a.f($0) * a.f($0) }
            #expect(relativeError(v, ref) <= 1e-10, "m=\(m) s=\(s): \(v) vs \(ref)")
        }
    }

    @Test("closed forms: ReLU, hardtanh′, erf")
    func closedForms() {
        for q in Self.variances {
            let s = q.squareRoot()
            #expect(relativeError(GaussianExpectation.expectation(standardDeviation: s, kinks: [0]) { max(0, $0) * max(0, $0) }, q / 2) <= 1e-13)
            #expect(relativeError(GaussianExpectation.expectation(standardDeviation: s, kinks: [-1, 1]) { abs($0) < 1 ? 1 : 0 },
                                  Foundation.erf(1 / (2 * q).squareRoot())) <= 1e-12)
            #expect(relativeError(GaussianExpectation.expectation(standardDeviation: s) { Foundation.erf($0) * Foundation.erf($0) },
                                  2 / Double.pi * asin(2 * q / (1 + 2 * q))) <= 1e-12)
            // And the reference itself against the same closed forms.
            #expect(relativeError(Reference.expectation(sd: s, kinks: [0]) { max(0, $0) * max(0, $0) }, q / 2) <= 1e-13)
            #expect(relativeError(Reference.expectation(sd: s) { Foundation.erf($0) * Foundation.erf($0) },
                                  2 / Double.pi * asin(2 * q / (1 + 2 * q))) <= 1e-13)
        }
    }

    struct PairCase: Sendable, CustomStringConvertible {
        let activation: TestActivation
        let derivative: Bool
        let q1: Double, q2: Double, c: Double
        var description: String { "\(activation)\(derivative ? "'" : "") q=(\(q1),\(q2)) c=\(c)" }
    }

    static let pairCases: [PairCase] = {
        var cases: [PairCase] = []
        // Unequal variances at a moderate correlation; q = 100 near and far from c = ±1.
        let settings: [(Double, Double, Double)] = [(0.2, 3, 0.35), (100, 100, -0.6), (100, 100, 0.995)]
        for a in [TestActivation.tanh, .softsign, .hardtanh, .relu] {
            for (q1, q2, c) in settings {
                cases.append(PairCase(activation: a, derivative: false, q1: q1, q2: q2, c: c))
                cases.append(PairCase(activation: a, derivative: true, q1: q1, q2: q2, c: c))
            }
        }
        return cases
    }()

    @Test("E[f(u₁) g(u₂)] for correlated pairs (φφ and φ′φ′)", arguments: pairCases)
    func correlated(_ p: PairCase) {
        let a = p.activation, phi = a.library
        let f = p.derivative ? a.df : a.f
        let lf: (Double) -> Double = p.derivative ? { phi.derivative($0) } : { phi.value($0) }
        let reference = Reference.product(q1: p.q1, q2: p.q2, c: p.c, kinksF: a.kinks, kinksG: a.kinks, f, f)
        let value = GaussianExpectation.product(q1: p.q1, q2: p.q2, c: p.c, kinksF: phi.kinks, kinksG: phi.kinks, lf, lf)
        #expect(relativeError(value, reference) <= 1e-10, "\(p): \(value) vs \(reference)")
    }

    @Test("ReLU pairs: the arc-cosine kernel (Cho & Saul) in closed form")
    func arcCosine() {
        for c in [-0.999, 0.3, 0.999999] {
            for q in [0.5, 100.0] {
                let theta = acos(c)
                let k1 = q / (2 * Double.pi) * (sin(theta) + (Double.pi - theta) * c)
                let k0 = (Double.pi - theta) / (2 * Double.pi)
                let v1 = GaussianExpectation.product(q1: q, q2: q, c: c, kinksF: [0], kinksG: [0], { max(0, $0) }, { max(0, $0) })
                let v0 = GaussianExpectation.product(q1: q, q2: q, c: c, kinksF: [0], kinksG: [0],
                                                     { Activation.relu.derivative($0) }, { Activation.relu.derivative($0) })
                #expect(relativeError(v1, k1) <= 1e-11, "c=\(c) q=\(q): \(v1) vs \(k1)")
                #expect(relativeError(v0, k0) <= 1e-11, "c=\(c) q=\(q): \(v0) vs \(k0)")
            }
        }
    }

    @Test("erf pairs: Williams (1997) E[erf(u₁)erf(u₂)] = (2/π) arcsin(2q₁₂/√((1+2q₁)(1+2q₂)))")
    func erfPairs() {
        for (q1, q2) in [(1.0, 9.0), (100.0, 100.0)] {
            for c in [-0.8, 0.9999] {
                let q12 = c * (q1 * q2).squareRoot()
                let exact = 2 / Double.pi * asin(2 * q12 / ((1 + 2 * q1) * (1 + 2 * q2)).squareRoot())
                let v = GaussianExpectation.product(q1: q1, q2: q2, c: c, { Foundation.erf($0) }, { Foundation.erf($0) })
                #expect(relativeError(v, exact) <= 1e-10, "q=(\(q1),\(q2)) c=\(c): \(v) vs \(exact)")
                // E[erf′ erf′] = (4/π) / √((1+2q₁)(1+2q₂) − 4q₁₂²)
                let exactD = 4 / Double.pi / ((1 + 2 * q1) * (1 + 2 * q2) - 4 * q12 * q12).squareRoot()
                let vD = GaussianExpectation.product(q1: q1, q2: q2, c: c, { Activation.erf.derivative($0) }, { Activation.erf.derivative($0) })
                #expect(relativeError(vD, exactD) <= 1e-10, "erf' q=(\(q1),\(q2)) c=\(c): \(vD) vs \(exactD)")
            }
        }
    }

    @Test("the library's activations equal the test's own, and φ′ is the derivative of φ")
    func activationsAgree() {
        for a in TestActivation.all {
            for x in stride(from: -6.0, through: 6.0, by: 0.37) {
                #expect(relativeError(a.library.value(x), a.f(x)) <= 1e-14 || abs(a.library.value(x) - a.f(x)) <= 1e-15, "\(a) φ(\(x))")
                #expect(abs(a.library.derivative(x) - a.df(x)) <= 1e-14 * max(1, abs(a.df(x))), "\(a) φ′(\(x))")
                let h = 1e-5
                if a.kinks.allSatisfy({ abs($0 - x) > 2 * h }) {
                    let fd = (a.f(x + h) - a.f(x - h)) / (2 * h)
                    #expect(abs(fd - a.df(x)) <= 1e-8, "\(a) φ′(\(x)) vs finite difference")
                    let fd2 = (a.library.derivative(x + h) - a.library.derivative(x - h)) / (2 * h)
                    #expect(abs(fd2 - a.library.secondDerivative(x)) <= 1e-7, "\(a) φ″(\(x)) vs finite difference")
                }
            }
        }
    }

    @Test("Gauss–Hermite rule: moments of N(0,1) and weights summing to 1")
    func hermiteRule() {
        let rule = GaussHermiteRule(count: 64)
        #expect(abs(rule.weights.reduce(0, +) - 1) <= 1e-14)
        var doubleFactorial = 1.0
        for k in stride(from: 2, through: 40, by: 2) {
            doubleFactorial *= Double(k - 1)
            let moment = rule.expectation { pow($0, Double(k)) }
            #expect(relativeError(moment, doubleFactorial) <= 1e-11, "E[z^\(k)]")
        }
        #expect(abs(rule.expectation { pow($0, 3) }) <= 1e-13)
    }
}
