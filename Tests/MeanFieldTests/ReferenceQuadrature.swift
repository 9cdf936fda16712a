import Foundation

/// An independent reference for the library's Gaussian expectations: adaptive Gauss–Kronrod
/// (7/15 points, QUADPACK's constants) on the truncated line |z| ≤ 12 (Gaussian mass outside:
/// 3.6·10⁻³³), in the standardised variable z = u/√q, with panel breakpoints at every kink and
/// at the activation's own scale (u = 0, ±1, ±3), so that no panel straddles a kink and narrow
/// features at large q are seen by the first pass. Nothing here shares code with the library.
enum Reference {
    static let halfWidth = 12.0
    static let xgk: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    ]
    static let wgk: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// 7-point Gauss weights at xgk[1], xgk[3], xgk[5], xgk[7].
    static let wg: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    /// (Kronrod-15 value, QUADPACK's error estimate, ∫|f| by K15) on [a, b]. The estimate
    /// resasc·min(1, (200|K15 − G7|/resasc)^1.5) reflects that K15 is far more accurate than G7.
    static func gk15(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> (Double, Double, Double) {
        let c = 0.5 * (a + b), h = 0.5 * (b - a)
        let fc = f(c)
        var values = [Double](repeating: 0, count: 15)
        values[7] = fc
        var k = wgk[7] * fc, g = wg[3] * fc, absK = wgk[7] * abs(fc)
        for j in 0..<7 {
            let f1 = f(c - h * xgk[j]), f2 = f(c + h * xgk[j])
            values[j] = f1; values[14 - j] = f2
            k += wgk[j] * (f1 + f2)
            absK += wgk[j] * (abs(f1) + abs(f2))
            if j % 2 == 1 { g += wg[j / 2] * (f1 + f2) }
        }
        let mean = 0.5 * k
        var asc = wgk[7] * abs(fc - mean)
        for j in 0..<7 { asc += wgk[j] * (abs(values[j] - mean) + abs(values[14 - j] - mean)) }
        var err = abs((k - g) * h)
        asc *= abs(h)
        if asc != 0 && err != 0 { err = asc * min(1, pow(200 * err / asc, 1.5)) }
        return (k * h, err, absK * abs(h))
    }

    /// ∫ f over [breakpoints.first, breakpoints.last], each interval refined by bisection until
    /// the Kronrod–Gauss difference is below `relative` times ∫|f| (estimated by a first pass),
    /// shared out in proportion to panel width.
    static func integrate(_ f: (Double) -> Double, breakpoints: [Double], relative: Double = 1e-14) -> Double {
        let points = breakpoints.sorted()
        var panels: [(Double, Double, Double, Double)] = []
        var scale = 0.0
        for i in 0..<(points.count - 1) where points[i + 1] > points[i] {
            let (v, e, m) = gk15(f, points[i], points[i + 1])
            panels.append((points[i], points[i + 1], v, e))
            scale += m
        }
        let width = points.last! - points.first!
        let tolerance = max(relative * scale, 1e-300)
        var total = 0.0
        func refine(_ a: Double, _ b: Double, _ v: Double, _ e: Double, _ depth: Int) {
            if e <= tolerance * (b - a) / width || depth > 45 { total += v; return }
            let m = 0.5 * (a + b)
            let (v1, e1, _) = gk15(f, a, m), (v2, e2, _) = gk15(f, m, b)
            refine(a, m, v1, e1, depth + 1)
            refine(m, b, v2, e2, depth + 1)
        }
        for (a, b, v, e) in panels { refine(a, b, v, e, 0) }
        return total
    }

    static let density = 1 / (2 * Double.pi).squareRoot()

    /// Breakpoints in z for an integrand of u = mean + sd·z with the given kinks (in u).
    static func breakpoints(mean: Double, sd: Double, kinks: [Double]) -> [Double] {
        var z: [Double] = stride(from: -halfWidth, through: halfWidth, by: 1).map { $0 }
        if sd > 0 {
            for u in kinks + [0, -1, 1, -3, 3] {
                let t = (u - mean) / sd
                if abs(t) < halfWidth { z.append(t) }
            }
        }
        return z
    }

    /// E[f(mean + sd·z)], z ~ N(0, 1).
    static func expectation(mean: Double = 0, sd: Double, kinks: [Double] = [], relative: Double = 1e-14,
                            _ f: (Double) -> Double) -> Double {
        integrate({ z in f(mean + sd * z) * exp(-0.5 * z * z) * density },
                  breakpoints: breakpoints(mean: mean, sd: sd, kinks: kinks), relative: relative)
    }

    /// E[f(u₁) g(u₂)], (u₁, u₂) centred Gaussian with variances q₁, q₂ and correlation c, |c| < 1:
    /// u₁ = √q₁ z₁, u₂ = √q₂ (c z₁ + √(1−c²) z₂), an adaptive outer integral over z₁ of an
    /// adaptive inner integral over z₂.
    static func product(q1: Double, q2: Double, c: Double, kinksF: [Double] = [], kinksG: [Double] = [],
                        _ f: (Double) -> Double, _ g: (Double) -> Double) -> Double {
        let r1 = q1.squareRoot(), r2 = q2.squareRoot(), s = ((1 - c) * (1 + c)).squareRoot()
        var outer = breakpoints(mean: 0, sd: r1, kinks: kinksF)
        // Where a kink of g sits at z₂ = 0, the outer integrand bends most.
        if r2 * c != 0 { for k in kinksG + [0] { let t = k / (r2 * c); if abs(t) < halfWidth { outer.append(t) } } }
        return integrate({ z1 in
            let fz = f(r1 * z1)
            if fz == 0 { return 0 }
            let inner = expectation(mean: r2 * c * z1, sd: r2 * s, kinks: kinksG, relative: 1e-15, g)
            return fz * inner * exp(-0.5 * z1 * z1) * density
        }, breakpoints: outer, relative: 1e-14)
    }

    /// A root of f in [a, b] (f(a), f(b) of opposite signs) by the Illinois variant of regula falsi.
    static func root(_ f: (Double) -> Double, _ a0: Double, _ b0: Double, tolerance: Double = 1e-15) -> Double {
        var a = a0, b = b0, fa = f(a), fb = f(b)
        precondition(fa * fb <= 0, "root not bracketed: f(\(a)) = \(fa), f(\(b)) = \(fb)")
        var side = 0
        for _ in 0..<200 {
            let c = (a * fb - b * fa) / (fb - fa)
            let fc = f(c)
            if fc == 0 || abs(b - a) <= tolerance * max(abs(a), abs(b)) { return c }
            if fc * fb > 0 {
                b = c; fb = fc
                if side == -1 { fa /= 2 }
                side = -1
            } else {
                a = c; fa = fc
                if side == 1 { fb /= 2 }
                side = 1
            }
            if abs(b - a) <= tolerance * max(abs(a), abs(b)) { return 0.5 * (a + b) }
        }
        return 0.5 * (a + b)
    }
}

/// |a − b| / |b| (absolute when b = 0).
func relativeError(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a) : abs(a - b) / abs(b)
}
