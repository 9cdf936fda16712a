import Foundation

/// Gauss–Legendre nodes and weights on [−1, 1]: the panel rule of ``GaussianExpectation``.
struct GaussLegendreRule: Sendable {
    let nodes: [Double]
    let weights: [Double]

    init(count n: Int) {
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        let m = (n + 1) / 2
        for i in 0..<m {
            var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var pp = 0.0
            for _ in 0..<100 {
                var p1 = 1.0, p2 = 0.0
                for j in 0..<n {
                    let p3 = p2
                    p2 = p1
                    p1 = ((2.0 * Double(j) + 1.0) * z * p2 - Double(j) * p3) / Double(j + 1)
                }
                pp = Double(n) * (z * p1 - p2) / (z * z - 1.0)
                let z1 = z
                z = z1 - p1 / pp
                if abs(z - z1) <= 1e-16 { break }
            }
            x[i] = -z
            x[n - 1 - i] = z
            w[i] = 2.0 / ((1.0 - z * z) * pp * pp)
            w[n - 1 - i] = w[i]
        }
        nodes = x
        weights = w
    }

    static let panel = GaussLegendreRule(count: 12)
}
