import Testing
@testable import Training

/// im2col against a per-tap reference, col2im as its adjoint, and the stride-1 input gradient
/// (a lowered convolution of dY with the flipped kernel) against dY·Kᵀ folded back by col2im.
/// The gradient checks sample only some coordinates; these compare every element, at shapes that
/// exercise both clipped edges, a one-pixel-wide image and a single channel.
struct Im2ColTests {
    static let shapes = [FeatureShape(height: 5, width: 6, channels: 2), FeatureShape(height: 4, width: 1, channels: 3),
                         FeatureShape(height: 7, width: 7, channels: 1), FeatureShape(height: 3, width: 4, channels: 40)]

    static func random(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextGaussian()) }
    }

    @Test(arguments: shapes, [1, 2])
    func lowerMatchesPerTapReference(shape: FeatureShape, stride: Int) {
        let batch = 2, c = shape.channels
        let ho = Im2Col.outputExtent(shape.height, stride: stride), wo = Im2Col.outputExtent(shape.width, stride: stride)
        let input = Self.random(batch * shape.count, seed: 3)
        var columns = [Float](repeating: .nan, count: batch * ho * wo * 9 * c)
        input.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { Im2Col.lower(x.baseAddress!, shape: shape, stride: stride, batch: batch, into: $0.baseAddress!) }
        }
        var mismatches = 0
        for n in 0..<batch { for oy in 0..<ho { for ox in 0..<wo { for ky in 0..<3 { for kx in 0..<3 { for k in 0..<c {
            let iy = oy * stride + ky - 1, ix = ox * stride + kx - 1
            let inside = iy >= 0 && iy < shape.height && ix >= 0 && ix < shape.width
            let expected = inside ? input[((n * shape.height + iy) * shape.width + ix) * c + k] : 0
            let row = (n * ho + oy) * wo + ox
            if columns[row * 9 * c + (ky * 3 + kx) * c + k] != expected { mismatches += 1 }
        } } } } } }
        #expect(mismatches == 0, "\(shape) stride \(stride)")
    }

    @Test(arguments: shapes, [1, 2])
    func raiseIsTheAdjointOfLower(shape: FeatureShape, stride: Int) {
        let batch = 2
        let rows = batch * Im2Col.outputExtent(shape.height, stride: stride) * Im2Col.outputExtent(shape.width, stride: stride)
        // Small integers: every Float32 sum is exact, so the two sides must agree exactly.
        let x = Self.random(batch * shape.count, seed: 4).map { ($0 * 3).rounded() }
        let y = Self.random(rows * 9 * shape.channels, seed: 5).map { ($0 * 3).rounded() }
        var lowered = [Float](repeating: 0, count: y.count), raised = [Float](repeating: .nan, count: x.count)
        x.withUnsafeBufferPointer { p in
            lowered.withUnsafeMutableBufferPointer { Im2Col.lower(p.baseAddress!, shape: shape, stride: stride, batch: batch, into: $0.baseAddress!) }
        }
        y.withUnsafeBufferPointer { p in
            raised.withUnsafeMutableBufferPointer { Im2Col.raise(p.baseAddress!, shape: shape, stride: stride, batch: batch, into: $0.baseAddress!) }
        }
        // ⟨lower x, y⟩ = ⟨x, raise y⟩.
        let left = zip(lowered, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let right = zip(x, raised).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(left == right, "\(shape) stride \(stride): \(left) vs \(right)")
    }

    @Test(arguments: shapes)
    func strideOneInputGradientMatchesColumnFolding(shape: FeatureShape) {
        let batch = 2, outputChannels = 5
        // The im2col path's own stride-1 input gradient (C_in ≥ 2 would otherwise take Winograd).
        let layer = Conv2DLayer(input: shape, outputChannels: outputChannels, stride: 1, maxBatch: batch, algorithm: .im2col)
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        let weights = Self.random(layer.parameterCount, seed: 6)
        parameters.pointer.update(from: weights, count: weights.count)
        let rows = batch * shape.height * shape.width
        let input = Self.random(batch * shape.count, seed: 7), outputGradient = Self.random(rows * outputChannels, seed: 8)
        let output = FloatBuffer(count: rows * outputChannels), inputGradient = FloatBuffer(count: input.count)
        let workspace = FloatBuffer(count: layer.workspaceCount(batch: batch))
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                layer.backward(input: x.baseAddress!, output: output.pointer, outputGradient: dy.baseAddress!,
                               inputGradient: inputGradient.pointer, batch: batch, workspace: workspace.pointer)
            }
        }
        // Reference: dcols = dY·Kᵀ in Double, folded back by col2im.
        let patch = 9 * shape.channels
        var columns = [Float](repeating: 0, count: rows * patch)
        for r in 0..<rows { for p in 0..<patch {
            var sum = 0.0
            for o in 0..<outputChannels { sum += Double(outputGradient[r * outputChannels + o]) * Double(weights[p * outputChannels + o]) }
            columns[r * patch + p] = Float(sum)
        } }
        var expected = [Float](repeating: 0, count: input.count)
        columns.withUnsafeBufferPointer { p in
            expected.withUnsafeMutableBufferPointer { Im2Col.raise(p.baseAddress!, shape: shape, stride: 1, batch: batch, into: $0.baseAddress!) }
        }
        let worst = zip(expected, inputGradient.array).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
        #expect(worst < 1e-5, "\(shape): worst relative difference \(worst)")
    }
}
