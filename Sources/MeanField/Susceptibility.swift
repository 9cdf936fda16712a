import Foundation

/// The susceptibilities of 002 §3: χ₁ (Eq. 8, Eq. 12), χ_q (the q-map slope in Eq. 9, Eq. 19) and
/// χ_c (the c-map slope at c*, Eq. 10, Eq. 20).
public enum Susceptibility {
    /// χ₁ = σ_w² E[φ′(√q z)²] at variance q (use q = q*).
    public static func chi1(activation: Activation, weightVariance: Double, q: Double) -> Double {
        CorrelationMap(activation: activation, weightVariance: weightVariance, biasVariance: 0, q: q).slope(at: 1)
    }

    /// χ_q = σ_w² E[φ′² + φφ″] at variance q (use q = q*).
    public static func chiQ(activation: Activation, weightVariance: Double, q: Double) -> Double {
        VarianceMap(activation: activation, weightVariance: weightVariance, biasVariance: 0).slope(at: q)
    }

    /// χ_c = σ_w² E[φ′(u₁)φ′(u₂)] at variance q and correlation c (use q*, c*).
    public static func chiC(activation: Activation, weightVariance: Double, q: Double, c: Double) -> Double {
        CorrelationMap(activation: activation, weightVariance: weightVariance, biasVariance: 0, q: q).slope(at: c)
    }
}
