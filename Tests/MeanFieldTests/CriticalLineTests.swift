import Foundation
import Testing
@testable import MeanField

/// The critical line χ₁ = 1 and Theorem 1 of paper 002, checked with the test's own quadrature.
@Suite("Critical line and Theorem 1")
struct CriticalLineTests {
    /// Residuals of the two equations q = σ_w² E[φ²] + σ_b² and 1 = σ_w² E[φ′²], by ``Reference``.
    static func residuals(_ a: TestActivation, sw2: Double, sb2: Double, q: Double) -> (Double, Double) {
        let s = q.squareRoot()
        let e2 = Reference.expectation(sd: s, kinks: a.kinks) { a.f($0) * a.f($0) }
        let d2 = Reference.expectation(sd: s, kinks: a.kinks) { a.df($0) * a.df($0) }
        return (abs(sw2 * e2 + sb2 - q) / q, abs(sw2 * d2 - 1))
    }

    /// The critical (σ_w², q*) solved independently: the root of E[φ²]/E[φ′²] + σ_b² − q.
    static func referenceCritical(_ a: TestActivation, sb2: Double, bracket: (Double, Double)) -> (sw2: Double, q: Double) {
        let e2: (Double) -> Double = { q in Reference.expectation(sd: q.squareRoot(), kinks: a.kinks) { a.f($0) * a.f($0) } }
        let d2: (Double) -> Double = { q in Reference.expectation(sd: q.squareRoot(), kinks: a.kinks) { a.df($0) * a.df($0) } }
        let q = Reference.root({ e2($0) / d2($0) + sb2 - $0 }, bracket.0, bracket.1)
        return (1 / d2(q), q)
    }

    @Test("tanh at σ_b² = 0.05: σ_w² ≈ 1.76095, q* ≈ 0.570048, χ₁ = 1 there")
    func tanhCritical() throws {
        let p = try CriticalLine.point(activation: .tanh, biasVariance: 0.05)
        let q = try #require(p.qStar)
        #expect(abs(p.weightVariance - 1.76095) <= 1e-5, "sw2 = \(p.weightVariance)")
        #expect(abs(q - 0.570048) <= 1e-6, "q* = \(q)")
        let (rq, rchi) = Self.residuals(.tanh, sw2: p.weightVariance, sb2: 0.05, q: q)
        #expect(rq <= 1e-12 && rchi <= 1e-12, "residuals \(rq), \(rchi)")
        let ref = Self.referenceCritical(.tanh, sb2: 0.05, bracket: (0.1, 3))
        #expect(relativeError(p.weightVariance, ref.sw2) <= 1e-11 && relativeError(q, ref.q) <= 1e-11)
        let point = try MeanFieldPoint(activation: .tanh, weightVariance: p.weightVariance, biasVariance: 0.05)
        #expect(point.phase == .critical)
        #expect(abs(point.chi1! - 1) <= 1e-12 && point.xiC == .infinity)
        #expect(point.notes.contains { $0.contains("critical line") })
        #expect(relativeError(point.qStar!, q) <= 1e-10)
    }

    @Test("tanh: σ_b² = 0 gives (σ_w², q*) = (1, 0); σ_w²_c increases with σ_b²")
    func tanhLine() throws {
        let origin = try CriticalLine.point(activation: .tanh, biasVariance: 0)
        #expect(origin.weightVariance == 1 && origin.qStar == 0)
        var last = 1.0
        for sb2 in [0.01, 0.05, 0.1, 0.2] {
            let p = try CriticalLine.point(activation: .tanh, biasVariance: sb2)
            #expect(p.weightVariance > last)
            last = p.weightVariance
        }
    }

    @Test("ReLU and linear: σ_w² = 2 (resp. 1) for every σ_b², with the reason q* is missing")
    func homogeneous() throws {
        let relu = try CriticalLine.point(activation: .relu, biasVariance: 0)
        #expect(relu.weightVariance == 2 && relu.qStar == nil && relu.note?.contains("critical point") == true)
        let semi = try CriticalLine.point(activation: .relu, biasVariance: 0.3)
        #expect(semi.weightVariance == 2 && semi.qStar == nil && semi.note?.contains("semi-critical") == true)
        #expect(try CriticalLine.point(activation: .linear, biasVariance: 0.1).weightVariance == 1)
    }

    @Test("kinked activations on the critical line: softsign and hardtanh residuals by the reference")
    func kinked() throws {
        for a in [TestActivation.softsign, .hardtanh] {
            let p = try CriticalLine.point(activation: a.library, biasVariance: 0.1)
            let (rq, rchi) = Self.residuals(a, sw2: p.weightVariance, sb2: 0.1, q: p.qStar!)
            #expect(rq <= 1e-11 && rchi <= 1e-11, "\(a): \(rq), \(rchi)")
        }
    }

    @Test("Theorem 1 (sigmoid, σ_b² = 0): σ_w² ≈ 103.0076, σ_w ≈ 10.149, q* ≈ 45.624; the paper's 103.05 is σ_w²")
    func theorem1() throws {
        let s = try SigmoidTheorem.solve()
        #expect(relativeError(s.weightVariance, 103.0075538555193) <= 1e-9, "\(s.weightVariance)")
        #expect(relativeError(s.weightStandardDeviation, 10.149263710019525) <= 1e-9, "\(s.weightStandardDeviation)")
        #expect(relativeError(s.qStar, 45.624277797379705) <= 1e-9, "\(s.qStar)")
        // Both equations hold with the test's own quadrature ...
        let (rq, rchi) = Self.residuals(.sigmoid, sw2: s.weightVariance, sb2: 0, q: s.qStar)
        #expect(rq <= 1e-11 && rchi <= 1e-11, "residuals \(rq), \(rchi)")
        // ... and the test's own solve lands on the same numbers.
        let ref = Self.referenceCritical(.sigmoid, sb2: 0, bracket: (10, 200))
        #expect(relativeError(s.weightVariance, ref.sw2) <= 1e-10 && relativeError(s.qStar, ref.q) <= 1e-10)
        // σ_w² rounds to 103.01, not to the paper's 103.05; σ_w is about 10.15, not 103.
        #expect(abs(s.weightVariance - 103.01) < 0.005)
        #expect(abs(s.weightStandardDeviation - 10.15) < 0.005)
    }

    @Test("Theorem 1: along the sigmoid critical line the smallest σ_w² is at σ_b² = 0")
    func theorem1Minimum() throws {
        let m = try SigmoidTheorem.minimumAlongCriticalLine(biasVariances: [0, 0.05, 0.5, 2])
        #expect(m.biasVariance == 0)
        #expect(m.weightVariance > 100)
        #expect(throws: MeanFieldError.self) { try SigmoidTheorem.minimumAlongCriticalLine(biasVariances: []) }
    }
}
