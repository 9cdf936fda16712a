import Foundation
import Testing
@testable import MeanField

/// The 1/N variance of q^l: checked against the linear network, where it has a closed form.
@Suite struct FiniteWidthVarianceTests {
    /// φ(x) = x: S = q exactly for the input (its length is fixed), then
    /// N Var q^{l+1} = σ_w⁴ N Var q^l + 2 (q^{l+1})² with q^{l+1} = σ_w² q^l + σ_b².
    @Test func linearNetworkClosedForm() throws {
        let sw2 = 0.8, sb2 = 0.1, q0 = 2.0
        let k = try FiniteWidthVariance.scaledVariance(activation: .linear, weightVariance: sw2, biasVariance: sb2, q0: q0, layers: 6)
        var q = q0, expected = [0.0]
        var scaled = 0.0
        for _ in 1...6 {
            q = sw2 * q + sb2
            scaled = sw2 * sw2 * scaled + 2 * q * q
            expected.append(scaled)
        }
        #expect(k.count == 7)
        for l in 0...6 { #expect(abs(k[l] - expected[l]) <= 1e-10 * max(1, expected[l]), "l = \(l): \(k[l]) vs \(expected[l])") }
    }

    @Test func refusesBadInput() throws {
        #expect(throws: MeanFieldError.self) { try FiniteWidthVariance.scaledVariance(activation: .tanh, weightVariance: 1, biasVariance: 0, q0: 0, layers: 3) }
        #expect(throws: MeanFieldError.self) { try FiniteWidthVariance.scaledVariance(activation: .tanh, weightVariance: -1, biasVariance: 0, q0: 1, layers: 3) }
        #expect(try FiniteWidthVariance.scaledVariance(activation: .tanh, weightVariance: 1, biasVariance: 0, q0: 1, layers: 0) == [0])
    }
}
