import Foundation

/// A power law y = A xᵇ fitted to positive measurements with standard errors by weighted least
/// squares on (ln x, ln y), each point weighted by 1/σ² with σ = SE(y)/y (the delta method).
///
/// The exponent's interval is 95 %: ±1.96 standard errors when the points scatter about the
/// line no more than their error bars say (reduced χ² ≤ 1); otherwise the standard error is
/// scaled by √χ²_red (the Birge ratio) and the Student t quantile of M − 2 degrees of freedom
/// replaces 1.96, so a poor fit widens the interval rather than hiding behind small error bars.
///
/// ```swift
/// let fit = try PowerLawFit(x: widths, y: variances, standardErrors: errors)
/// fit.exponent                     // ≈ −1 for Var q^L against N
/// fit.exponentInterval             // (lower, upper)
/// ```
public struct PowerLawFit: Codable, Hashable, Sendable {
    /// b.
    public let exponent: Double
    /// The standard error of b (scaled by the Birge ratio where χ²_red > 1).
    public let exponentStandardError: Double
    /// The 95 % interval of b.
    public let exponentInterval: ClosedRange<Double>
    /// A.
    public let prefactor: Double
    /// χ² per degree of freedom of the fit (NaN for two points).
    public let reducedChiSquare: Double

    /// Fits the points; throws for fewer than two points, a non-positive x, y or error, or
    /// points that all share one x.
    public init(x: [Double], y: [Double], standardErrors: [Double]) throws {
        guard x.count == y.count, y.count == standardErrors.count else {
            throw SimulationError.invalidArgument("power-law fit: \(x.count) x, \(y.count) y and \(standardErrors.count) errors; give one of each per point")
        }
        guard x.count >= 2 else { throw SimulationError.invalidArgument("power-law fit: \(x.count) point(s); give at least two") }
        for i in x.indices where !(x[i] > 0 && y[i] > 0 && standardErrors[i] > 0) || !(x[i].isFinite && y[i].isFinite && standardErrors[i].isFinite) {
            throw SimulationError.invalidArgument("power-law fit: point \(i) has x = \(x[i]), y = \(y[i]) ± \(standardErrors[i]); a log-log fit needs positive, finite values and errors")
        }
        let u = x.map { log($0) }, v = y.map { log($0) }
        let w = zip(y, standardErrors).map { y, e in (y / e) * (y / e) }
        let sw = w.reduce(0, +)
        let ub = zip(w, u).map(*).reduce(0, +) / sw, vb = zip(w, v).map(*).reduce(0, +) / sw
        var suu = 0.0, suv = 0.0
        for i in u.indices {
            suu += w[i] * (u[i] - ub) * (u[i] - ub)
            suv += w[i] * (u[i] - ub) * (v[i] - vb)
        }
        guard suu > 0 else { throw SimulationError.invalidArgument("power-law fit: every point has x = \(x[0]); give at least two distinct x") }
        let b = suv / suu, a = vb - b * ub
        var chi2 = 0.0
        for i in u.indices { chi2 += w[i] * (v[i] - a - b * u[i]) * (v[i] - a - b * u[i]) }
        let dof = x.count - 2
        let reduced = dof > 0 ? chi2 / Double(dof) : .nan
        let birge = reduced > 1 ? reduced.squareRoot() : 1
        let se = (1 / suu).squareRoot() * birge
        let quantile = reduced > 1 ? Self.studentT975(degreesOfFreedom: dof) : 1.959964
        exponent = b
        exponentStandardError = se
        exponentInterval = (b - quantile * se)...(b + quantile * se)
        prefactor = exp(a)
        reducedChiSquare = reduced
    }

    /// The 97.5 % quantile of Student's t with `dof` ≥ 1 degrees of freedom (tabulated to 30,
    /// the normal quantile's 1.96 beyond, where they differ by under 2 %).
    static func studentT975(degreesOfFreedom dof: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        return dof >= 1 && dof <= table.count ? table[dof - 1] : 1.959964
    }
}
