import CFFTW
import Numerics
import Foundation

/// Σ_l x_l e^{−2πijl/W} for j = 0 … W/2 (FFTW r2c, the forward sign), W = x.count.
func fourierModes(_ x: [Double]) throws -> [Complex<Double>] {
    let w = x.count
    let modes = w / 2 + 1
    guard let input = fftw_alloc_real(w), let output = fftw_alloc_complex(modes) else {
        throw SimulationError.numerical("fftw_alloc failed")
    }
    defer { fftw_free(input); fftw_free(output) }
    // Planning is not thread-safe in FFTW; execution is.
    let plan = FFTWPlanner.lock.withLock { fftw_plan_dft_r2c_1d(Int32(w), input, output, UInt32(FFTW_ESTIMATE)) }
    guard let plan else { throw SimulationError.numerical("fftw_plan_dft_r2c_1d failed for length \(w)") }
    defer { FFTWPlanner.lock.withLock { fftw_destroy_plan(plan) } }
    for i in 0..<w { input[i] = x[i] }
    fftw_execute(plan)
    let raw = UnsafeMutableRawPointer(output).assumingMemoryBound(to: Double.self)
    return (0..<modes).map { Complex(raw[2 * $0], raw[2 * $0 + 1]) }
}

/// |Σ_l x_l e^{−2πijl/W}|² / W for j = 0 … W/2.
func periodogram(_ x: [Double]) throws -> [Double] {
    let w = Double(x.count)
    return try fourierModes(x).map { $0.lengthSquared / w }
}

/// The cross-periodogram of three series of equal length W: for j = 0 … W/2 the matrix
/// ε̂ ε̂ᴴ with ε̂_a = W^{−1/2} Σ_l e^{+iq_j l} x_a,l, q_j = 2πj/W (the convention of
/// ``ReLULatticeFluctuations``; FFTW's forward transform is its complex conjugate times √W).
func crossPeriodogram(_ series: [[Double]]) throws -> [FieldCovariance] {
    precondition(series.count == 3 && Set(series.map(\.count)).count == 1, "three series of one length")
    let w = Double(series[0].count)
    let transforms = try series.map { try fourierModes($0).map(\.conjugate) }
    return transforms[0].indices.map { j in
        var p = FieldCovariance.zero
        for a in 0..<3 {
            for b in 0..<3 { p.entries[3 * a + b] = (transforms[a][j] * transforms[b][j].conjugate).divided(by: w) }
        }
        return p
    }
}

enum FFTWPlanner {
    static let lock = NSLock()
}
