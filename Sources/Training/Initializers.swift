import CBLAS

/// The random draws behind ``WeightInitialization``. All randomness comes from the caller's
/// ``SeededGenerator`` in a fixed order, so a seed fixes the weights bit for bit.
enum Initializers {
    /// `count` values ~ N(0, standardDeviation²).
    static func gaussian(_ values: UnsafeMutablePointer<Float>, count: Int, standardDeviation: Double, generator: inout SeededGenerator) {
        for i in 0..<count { values[i] = Float(standardDeviation * generator.nextGaussian()) }
    }

    /// Writes gain·Q into the row-major `rows × columns` matrix, Q Haar-random with orthonormal
    /// columns when rows ≥ columns (so QᵀQ = I) and orthonormal rows otherwise (QQᵀ = I).
    ///
    /// Q comes from the QR decomposition of a Gaussian `max × min` matrix (LAPACKE sgeqrf, then
    /// sorgqr); multiplying column j by sign(R_jj) makes the decomposition unique and Q
    /// Haar-distributed (Mezzadri 2007) rather than biased by LAPACK's sign convention.
    static func orthogonal(_ matrix: UnsafeMutablePointer<Float>, rows: Int, columns: Int, gain: Double,
                           generator: inout SeededGenerator) throws {
        let tall = max(rows, columns), narrow = min(rows, columns)
        var a = [Float](repeating: 0, count: tall * narrow)
        for i in a.indices { a[i] = Float(generator.nextGaussian()) }
        var tau = [Float](repeating: 0, count: narrow)
        var signs = [Float](repeating: 1, count: narrow)
        let m = Int32(tall), n = Int32(narrow)
        var info = LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, m, n, &a, n, &tau)
        guard info == 0 else { throw TrainingError.linearAlgebra("sgeqrf(\(tall)×\(narrow)) returned \(info)") }
        for j in 0..<narrow { signs[j] = a[j * narrow + j] < 0 ? -1 : 1 }
        info = LAPACKE_sorgqr(LAPACK_ROW_MAJOR, m, n, n, &a, n, &tau)
        guard info == 0 else { throw TrainingError.linearAlgebra("sorgqr(\(tall)×\(narrow)) returned \(info)") }
        let g = Float(gain)
        for i in 0..<tall {
            for j in 0..<narrow {
                let q = a[i * narrow + j] * signs[j] * g
                if rows >= columns { matrix[i * columns + j] = q } else { matrix[j * columns + i] = q }
            }
        }
    }

    /// The delta-orthogonal 3×3 kernel (HWIO, `[9·C_in × C_out]`): zero except the centre tap
    /// (ky = kx = 1), which is gain times an orthogonal `C_in × C_out` matrix. When C_in < C_out
    /// (the lift layer) its rows are orthonormal — as a `C_out × C_in` map its columns are — so
    /// the layer is an isometry on its input up to the gain.
    static func deltaOrthogonal(_ kernel: UnsafeMutablePointer<Float>, inputChannels: Int, outputChannels: Int, gain: Double,
                                generator: inout SeededGenerator) throws {
        kernel.update(repeating: 0, count: 9 * inputChannels * outputChannels)
        try orthogonal(kernel + 4 * inputChannels * outputChannels, rows: inputChannels, columns: outputChannels,
                       gain: gain, generator: &generator)
    }
}
