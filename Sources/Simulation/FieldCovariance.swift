import Numerics

/// A 3×3 Hermitian matrix over (ε̃₊, ε̃₋, ε̃_k): a Fourier-space covariance Σ(q) or its inverse.
public struct FieldCovariance: Hashable, Sendable {
    /// Row-major entries.
    public var entries: [Complex<Double>]

    /// The matrix with these row-major entries (nine of them).
    public init(_ entries: [Complex<Double>]) {
        precondition(entries.count == 9, "a 3×3 matrix has 9 entries")
        self.entries = entries
    }

    /// The zero matrix.
    public static var zero: FieldCovariance { FieldCovariance(Array(repeating: .zero, count: 9)) }

    /// The entry in row `a`, column `b`.
    public subscript(_ a: FluctuationField, _ b: FluctuationField) -> Complex<Double> {
        get { entries[3 * a.rawValue + b.rawValue] }
        set { entries[3 * a.rawValue + b.rawValue] = newValue }
    }

    /// The matrix product self · other.
    public static func * (lhs: FieldCovariance, rhs: FieldCovariance) -> FieldCovariance {
        var product = FieldCovariance.zero
        for i in 0..<3 {
            for j in 0..<3 {
                var sum = Complex<Double>.zero
                for k in 0..<3 { sum += lhs.entries[3 * i + k] * rhs.entries[3 * k + j] }
                product.entries[3 * i + j] = sum
            }
        }
        return product
    }

    /// The conjugate transpose.
    public var adjoint: FieldCovariance {
        var t = FieldCovariance.zero
        for i in 0..<3 {
            for j in 0..<3 { t.entries[3 * j + i] = entries[3 * i + j].conjugate }
        }
        return t
    }

    /// The entrywise mean of matrices (a band of Fourier modes averaged, as the measurement is).
    public static func mean(_ matrices: [FieldCovariance]) -> FieldCovariance {
        var sum = FieldCovariance.zero
        for m in matrices {
            for i in 0..<9 { sum.entries[i] += m.entries[i] }
        }
        let n = Double(max(matrices.count, 1))
        return FieldCovariance(sum.entries.map { $0.divided(by: n) })
    }

    /// The value of one ``FluctuationComponent``.
    public func value(_ component: FluctuationComponent) -> Double {
        let entry = self[component.row, component.column]
        return component.part == .real ? entry.real : entry.imaginary
    }
}
