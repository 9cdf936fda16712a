import Foundation
import Testing
@testable import MeanField

@Suite("CNN mean field (002 §3.3)")
struct ConvolutionalTests {
    @Test("eigenvalues of the uniform (2k+1) kernel on a ring of n are its DFT: A v_p = λ_p v_p",
          arguments: [(1, 8), (2, 5), (3, 4), (0, 6), (4, 16)])
    func eigenvalues(_ size: (Int, Int)) {
        let (k, n) = size
        let lambdas = ConvolutionalMeanField.fourierEigenvalues(kernelHalfWidth: k, spatialSize: n)
        #expect(lambdas.count == n)
        // The circulant operator (A x)_i = (1/(2k+1)) Σ_{|β| ≤ k} x_{(i+β) mod n}.
        func apply(_ x: [Double]) -> [Double] {
            (0..<n).map { i in
                var s = 0.0
                for beta in -k...k { s += x[((i + beta) % n + n) % n] }
                return s / Double(2 * k + 1)
            }
        }
        for p in 0..<n {
            for basis in [cos, sin] as [(Double) -> Double] {
                let v = (0..<n).map { basis(2 * Double.pi * Double(p * $0) / Double(n)) }
                let av = apply(v)
                for i in 0..<n { #expect(abs(av[i] - lambdas[p] * v[i]) <= 1e-13, "k=\(k) n=\(n) p=\(p)") }
            }
        }
        #expect(abs(lambdas[0] - 1) <= 1e-15)
    }

    @Test("mode 0 is the fully connected network; every other mode decays at least as fast",
          arguments: [1.5, 2.5])
    func modes(_ sw2: Double) throws {
        let cnn = try ConvolutionalMeanField(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, kernelHalfWidth: 1, spatialSize: 10)
        let fc = try MeanFieldPoint(activation: .tanh, weightVariance: sw2, biasVariance: 0.05)
        #expect(cnn.offDiagonalDepthScales[0] == fc.xiC)
        #expect(cnn.diagonalDepthScales[0] == fc.xiQ)
        #expect(cnn.chiC == fc.chiC && cnn.chiQ == fc.chiQ)
        for p in 0..<10 {
            let expected = DepthScale.fromSusceptibility(fc.chiC! * abs(cnn.eigenvalues[p]))
            #expect(cnn.offDiagonalDepthScales[p] == expected)
            #expect(cnn.offDiagonalDepthScales[p] <= cnn.offDiagonalDepthScales[0])
        }
    }

    @Test("on the critical line mode 0 diverges and the others stay finite")
    func critical() throws {
        let line = try CriticalLine.point(activation: .tanh, biasVariance: 0.05)
        let cnn = try ConvolutionalMeanField(activation: .tanh, weightVariance: line.weightVariance, biasVariance: 0.05,
                                             kernelHalfWidth: 1, spatialSize: 8)
        #expect(cnn.offDiagonalDepthScales[0] == .infinity)
        #expect(cnn.offDiagonalDepthScales[1...].allSatisfy { $0.isFinite })
    }
}
