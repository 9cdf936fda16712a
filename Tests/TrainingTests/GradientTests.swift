import Foundation
import MeanField
import Testing
@testable import Training

/// Backward passes against central finite differences (see ``GradientCheck``).
struct GradientTests {
    @Test func denseLayer() {
        let report = GradientCheck.check(DenseLayer(inputs: .vector(7), outputs: 5, maxBatch: 3), batch: 3)
        #expect(report.worstRelativeError < 1e-2, "dense: \(report)")
    }

    @Test(arguments: [1, 2])
    func convolution(stride: Int) {
        let layer = Conv2DLayer(input: FeatureShape(height: 5, width: 6, channels: 2), outputChannels: 3, stride: stride, maxBatch: 2)
        if stride == 2 { #expect(layer.outputShape == FeatureShape(height: 3, width: 3, channels: 3)) }
        let report = GradientCheck.check(layer, batch: 2)
        #expect(report.worstRelativeError < 1e-2, "conv stride \(stride): \(report)")
    }

    @Test func globalAveragePooling() {
        let report = GradientCheck.check(GlobalAveragePoolLayer(input: FeatureShape(height: 3, width: 2, channels: 4)), batch: 2)
        #expect(report.worstRelativeError < 1e-2, "pooling: \(report)")
    }

    @Test(arguments: Activation.allCases)
    func activation(_ phi: Activation) {
        // Inputs in [−2, 2] kept ≥ 0.15 from the kinks at 0 and ±1, wider than the step 1e-2.
        let report = GradientCheck.check(ActivationLayer(phi, shape: .vector(6)), batch: 4, inputs: { generator in
            var x = Float(4 * generator.nextUniform() - 2)
            for kink: Float in [-1, 0, 1] where abs(x - kink) < 0.15 { x = kink + (x < kink ? -0.15 : 0.15) }
            return x
        })
        #expect(report.worstRelativeError < 1e-2, "\(phi): \(report)")
    }

    @Test func activationValuesMatchTheory() {
        // The Float32 kernels (including the exp-based tanh) agree with MeanField's Double φ.
        for phi in Activation.allCases {
            let xs: [Float] = stride(from: -9, through: 9, by: 0.005).map { Float($0) }
            var ys = [Float](repeating: 0, count: xs.count)
            phi.apply(xs, &ys, count: xs.count)
            for (x, y) in zip(xs, ys) {
                let exact = phi.value(Double(x))
                #expect(abs(Double(y) - exact) <= 2e-6 * max(1, abs(exact)), "\(phi)(\(x)) = \(y), theory \(exact)")
            }
        }
    }

    /// The C kernels (one copy per instruction set) return the one-value functions' values bit
    /// for bit, forward and backward, across the range, at tanh's clamp, beyond exp's range, and
    /// for ±0, ±∞ and NaN; and lengths that leave a tail after the vector loop.
    @Test(arguments: [Activation.tanh, .arctan, .sigmoid, .softsign, .relu])
    func kernelsMatchOneValueFunctionsBitForBit(_ phi: Activation) {
        var xs: [Float] = stride(from: -12, through: 12, by: 0.000_37).map { Float($0) }
        xs += [0, -0, 7.90531110763549805, -7.90531110763549805, 2.414213562373095, 0.4142135623730950, -87, -87.5, 88, 100, -100,
               .greatestFiniteMagnitude, -.infinity, .infinity, .leastNonzeroMagnitude, .nan]
        let dys: [Float] = xs.indices.map { Float(($0 % 7) - 3) * 0.37 }
        for count in [xs.count, 1, 15, 17, 33] {
            var ys = [Float](repeating: 0, count: count), dxs = [Float](repeating: 0, count: count)
            phi.apply(xs, &ys, count: count)
            phi.backward(xs, ys, dys, &dxs, count: count)
            let forward = (0..<count).filter { ys[$0].bitPattern != phi.value(xs[$0]).bitPattern }
            #expect(forward.isEmpty, "\(phi), count \(count), \(forward.count) differ: \(forward.prefix(5).map { "φ(\(xs[$0])) C \(ys[$0]) one value \(phi.value(xs[$0]))" })")
            let backward = (0..<count).filter { i in
                let expected = Self.backwardReference(phi, x: xs[i], y: ys[i], dy: dys[i])
                return dxs[i].bitPattern != expected.bitPattern && !(dxs[i].isNaN && expected.isNaN)
            }
            #expect(backward.isEmpty, "\(phi) backward, count \(count), \(backward.count) differ: \(backward.prefix(5).map { "x \(xs[$0]) C \(dxs[$0])" })")
        }
    }

    /// The backward pass in the operation order the kernels document (activation_kernels.h).
    static func backwardReference(_ phi: Activation, x: Float, y: Float, dy: Float) -> Float {
        switch phi {
        case .tanh: return dy * (1 - y * y)
        case .sigmoid: return dy * y * (1 - y)
        case .arctan: return dy * (1 / (1 + x * x))
        case .softsign: let d = 1 + abs(x); return dy * (1 / (d * d))
        case .relu: return x >= 0 ? dy : 0
        default: return dy * phi.derivative(x, output: y)
        }
    }

    /// The polynomial arctan and logistic stay within a few Float32 ulps of the Double functions
    /// far into their tails (where the logistic is tiny and its relative error is what matters).
    @Test func arctanAndLogisticAreAccurateInTheirTails() {
        let xs: [Float] = stride(from: -87, through: 87, by: 0.0031).map { Float($0) } + [1e-30, -1e-30, 1e7, -1e7]
        for (phi, exact) in [(Activation.arctan, { (x: Double) in Foundation.atan(x) }), (.sigmoid, { (x: Double) in 1 / (1 + Foundation.exp(-x)) })] {
            var worst = 0.0
            for x in xs {
                let y = Double(phi.value(x)), e = exact(Double(x))
                // Relative error where the value is a normal Float32; below, absolute.
                let normal = Double(Float.leastNormalMagnitude)
                if abs(e) >= normal { worst = max(worst, abs(y - e) / abs(e)) } else { #expect(abs(y - e) <= normal, "\(phi)(\(x)) = \(y), exact \(e)") }
            }
            #expect(worst < 4 * Double(Float.ulpOfOne), "\(phi): worst relative error \(worst)")
        }
    }

    @Test func softmaxCrossEntropy() {
        var generator = SeededGenerator(seed: 3)
        let batch = 3, classes = 5
        var logits = (0..<batch * classes).map { _ in Float(2 * generator.nextGaussian()) }
        let labels: [Int32] = [0, 3, 4]
        var gradient = [Float](repeating: 0, count: logits.count)
        let analytic = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, batch: batch, classes: classes, gradient: &gradient)
        #expect(analytic.loss > 0)
        let h: Float = 1e-2
        for i in logits.indices {
            let saved = logits[i]
            logits[i] = saved + h
            let up = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, batch: batch, classes: classes, gradient: nil).loss
            logits[i] = saved - h
            let down = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, batch: batch, classes: classes, gradient: nil).loss
            logits[i] = saved
            let numeric = (up - down) / Double(2 * h)
            #expect(abs(numeric - Double(gradient[i])) < 1e-3, "logit \(i): numeric \(numeric), analytic \(gradient[i])")
        }
    }
}
