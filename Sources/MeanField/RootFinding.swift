import Foundation

/// Brent's method on a bracket [a, b] with f(a)·f(b) ≤ 0; converges to |b − a| ≤ 4ε|x| + tol.
/// Used for every fixed point, so results are accurate to rounding rather than to an iteration
/// count (plain fixed-point iteration converges like χ^l and stalls near the critical line).
enum RootFinding {
    static func brent(_ f: (Double) -> Double, _ a0: Double, _ b0: Double,
                      fa fa0: Double? = nil, fb fb0: Double? = nil, tolerance: Double = 0) -> Double {
        var a = a0, b = b0
        var fa = fa0 ?? f(a), fb = fb0 ?? f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        var c = a, fc = fa, d = b - a, e = d
        for _ in 0..<200 {
            if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
            if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let tol1 = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let xm = 0.5 * (c - b)
            if abs(xm) <= tol1 || fb == 0 { return b }
            if abs(e) >= tol1 && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * xm * s; q = 1 - s
                } else {
                    let qq = fa / fc, r = fb / fc
                    p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1))
                    q = (qq - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q }
                p = abs(p)
                if 2 * p < min(3 * xm * q - abs(tol1 * q), abs(e * q)) { e = d; d = p / q } else { d = xm; e = d }
            } else {
                d = xm; e = d
            }
            a = b; fa = fb
            b += abs(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1)
            fb = f(b)
        }
        return b
    }
}
