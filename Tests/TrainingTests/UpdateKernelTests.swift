import MeanField
import Testing
@testable import Training

/// The SGD update and the input scaling run as per-CPU C kernels; they must give the bits of the
/// Swift expressions they replaced (θ − η·g; lower + scale·byte), on lengths with vector tails.
struct UpdateKernelTests {
    @Test func sgdUpdateKeepsTheSwiftBits() {
        var generator = SeededGenerator(seed: 11)
        for count in [1, 15, 17, 1_001] {
            let start = (0..<count).map { _ in Float(generator.nextGaussian()) }
            let gradient = (0..<count).map { _ in Float(3 * generator.nextGaussian()) }
            let optimizer = Optimizer(.sgd, learningRate: 1e-3, count: count)
            var updated = start
            optimizer.update(&updated, gradients: gradient, count: count)
            let eta: Float = 1e-3
            let expected = (0..<count).map { start[$0] - eta * gradient[$0] }
            #expect(updated.map(\.bitPattern) == expected.map(\.bitPattern), "count \(count)")
        }
    }

    @Test(arguments: [Activation.tanh, .sigmoid])
    func inputScalingKeepsTheSwiftBits(_ activation: Activation) {
        let size = 37
        let pixels = (0..<(3 * size)).map { UInt8(($0 * 97) % 256) }
        let set = ImageSet(pixels: pixels, labels: [0, 1, 2], shape: .vector(size))
        let normalization = InputNormalization(for: activation)
        var scaled = [Float](repeating: 0, count: 2 * size)
        let indices: [Int32] = [2, 0]
        indices.withUnsafeBufferPointer { normalization.gather(set, indices: $0, into: &scaled) }
        let scale = (normalization.upper - normalization.lower) / 255
        let expected = [2, 0].flatMap { image in (0..<size).map { normalization.lower + scale * Float(pixels[image * size + $0]) } }
        #expect(scaled.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
