import Testing
@testable import Training

/// Winograd F(2×2, 3×3) (``WinogradConvolution``) against the im2col path of the same layer: forward,
/// all three gradients, at odd and even map sizes (odd ones discard a row and column of the tile
/// grid), channel counts that are and are not multiples of the 4-float lane, and batches that span
/// several chunks; plus a finite-difference check and bit-for-bit determinism.
struct WinogradTests {
    /// A convolution case: map size, channels in and out, batch.
    struct Case: CustomStringConvertible, Sendable {
        var height: Int, width: Int, inputChannels: Int, outputChannels: Int, batch: Int
        var shape: FeatureShape { FeatureShape(height: height, width: width, channels: inputChannels) }
        var description: String { "\(height)×\(width) \(inputChannels)→\(outputChannels) batch \(batch)" }
    }

    static let cases: [Case] = [
        Case(height: 7, width: 7, inputChannels: 32, outputChannels: 32, batch: 40),  // 16 images a chunk: 3 chunks
        Case(height: 7, width: 7, inputChannels: 64, outputChannels: 64, batch: 12),  // 8 a chunk: 2 chunks
        Case(height: 8, width: 8, inputChannels: 16, outputChannels: 24, batch: 3),
        Case(height: 5, width: 6, inputChannels: 2, outputChannels: 3, batch: 2),
        Case(height: 1, width: 1, inputChannels: 9, outputChannels: 11, batch: 2),
        Case(height: 4, width: 1, inputChannels: 3, outputChannels: 40, batch: 2),
        Case(height: 14, width: 14, inputChannels: 32, outputChannels: 32, batch: 7),  // 5 a chunk: 2 chunks
    ]

    /// Both algorithms' outputs and gradients for the same parameters, input and dY.
    struct Results {
        var output: [Float], kernelGradient: [Float], biasGradient: [Float], inputGradient: [Float]
    }

    static func run(_ c: Case, _ algorithm: Conv2DLayer.Algorithm, seed: UInt64 = 21) -> Results {
        let layer = Conv2DLayer(input: c.shape, outputChannels: c.outputChannels, stride: 1, maxBatch: c.batch, algorithm: algorithm)
        #expect(layer.algorithm == algorithm)
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = SeededGenerator(seed: seed)
        for i in 0..<parameters.count { parameters.pointer[i] = Float(0.2 * generator.nextGaussian()) }
        let inCount = c.batch * c.shape.count, outCount = c.batch * layer.outputShape.count
        let input = FloatBuffer(count: inCount), outputGradient = FloatBuffer(count: outCount)
        for i in 0..<inCount { input.pointer[i] = Float(generator.nextGaussian()) }
        for i in 0..<outCount { outputGradient.pointer[i] = Float(generator.nextGaussian()) }
        let output = FloatBuffer(count: outCount), inputGradient = FloatBuffer(count: inCount)
        // NaN-filled scratch and gradient: anything read before written shows up.
        let workspace = FloatBuffer(count: layer.workspaceCount(batch: c.batch))
        workspace.fill(.nan); gradients.fill(.nan); inputGradient.fill(.nan); output.fill(.nan)
        layer.forward(input: input.pointer, output: output.pointer, batch: c.batch, workspace: workspace.pointer)
        layer.backward(input: input.pointer, output: output.pointer, outputGradient: outputGradient.pointer,
                       inputGradient: inputGradient.pointer, batch: c.batch, workspace: workspace.pointer)
        let kernelCount = 9 * c.inputChannels * c.outputChannels, all = gradients.array
        return Results(output: output.array, kernelGradient: Array(all[..<kernelCount]), biasGradient: Array(all[kernelCount...]),
                       inputGradient: inputGradient.array)
    }

    /// max |a − b| over max |b|: the error relative to the tensor's scale.
    static func relativeDifference(_ a: [Float], _ b: [Float]) -> Double {
        let scale = b.map { Double(abs($0)) }.max() ?? 0
        let worst = zip(a, b).map { Double(abs($0 - $1)) }.max() ?? 0
        return a.contains(where: \.isNaN) ? .infinity : worst / max(scale, 1e-30)
    }

    @Test func stridedAndSingleChannelLayersKeepIm2col() {
        #expect(Conv2DLayer.Algorithm.preferred(inputChannels: 1, stride: 1) == .im2col)
        #expect(Conv2DLayer.Algorithm.preferred(inputChannels: 32, stride: 2) == .im2col)
        #expect(Conv2DLayer.Algorithm.preferred(inputChannels: 2, stride: 1) == .winograd)
        #expect(Conv2DLayer(input: FeatureShape(height: 7, width: 7, channels: 32), outputChannels: 32, stride: 1, maxBatch: 1).algorithm == .winograd)
    }

    @Test(arguments: cases)
    func matchesIm2col(_ c: Case) {
        let winograd = Self.run(c, .winograd), reference = Self.run(c, .im2col)
        let output = Self.relativeDifference(winograd.output, reference.output)
        let kernel = Self.relativeDifference(winograd.kernelGradient, reference.kernelGradient)
        let bias = Self.relativeDifference(winograd.biasGradient, reference.biasGradient)
        let input = Self.relativeDifference(winograd.inputGradient, reference.inputGradient)
        #expect(output < 1e-5 && kernel < 1e-5 && bias < 1e-5 && input < 1e-5,
                "\(c): relative differences output \(output), kernel gradient \(kernel), bias gradient \(bias), input gradient \(input)")
    }

    @Test func firstLayerWithoutInputGradient() {
        // inputGradient nil (first layer): the kernel gradient must not depend on the skipped dV.
        let c = Case(height: 7, width: 7, inputChannels: 3, outputChannels: 8, batch: 3)
        let layer = Conv2DLayer(input: c.shape, outputChannels: c.outputChannels, stride: 1, maxBatch: c.batch, algorithm: .winograd)
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = SeededGenerator(seed: 21)
        for i in 0..<parameters.count { parameters.pointer[i] = Float(0.2 * generator.nextGaussian()) }
        let input = FloatBuffer(count: c.batch * c.shape.count), dy = FloatBuffer(count: c.batch * layer.outputShape.count)
        for i in 0..<input.count { input.pointer[i] = Float(generator.nextGaussian()) }
        for i in 0..<dy.count { dy.pointer[i] = Float(generator.nextGaussian()) }
        let workspace = FloatBuffer(count: layer.workspaceCount(batch: c.batch)), output = FloatBuffer(count: dy.count)
        layer.forward(input: input.pointer, output: output.pointer, batch: c.batch, workspace: workspace.pointer)
        layer.backward(input: input.pointer, output: output.pointer, outputGradient: dy.pointer, inputGradient: nil, batch: c.batch, workspace: workspace.pointer)
        let withoutInput = gradients.array
        let inputGradient = FloatBuffer(count: input.count)
        layer.backward(input: input.pointer, output: output.pointer, outputGradient: dy.pointer, inputGradient: inputGradient.pointer,
                       batch: c.batch, workspace: workspace.pointer)
        #expect(withoutInput == gradients.array)
    }

    @Test(arguments: [FeatureShape(height: 5, width: 6, channels: 2), FeatureShape(height: 7, width: 7, channels: 3),
                      FeatureShape(height: 2, width: 3, channels: 9)])
    func finiteDifferences(shape: FeatureShape) {
        let layer = Conv2DLayer(input: shape, outputChannels: 4, stride: 1, maxBatch: 2, algorithm: .winograd)
        let report = GradientCheck.check(layer, batch: 2)
        #expect(report.worstRelativeError < 1e-2, "Winograd \(shape): \(report)")
    }

    @Test func deterministicBitForBit() {
        // Two fresh layers, same parameters and inputs: same bits.
        let c = Case(height: 7, width: 7, inputChannels: 32, outputChannels: 32, batch: 20)
        let first = Self.run(c, .winograd), second = Self.run(c, .winograd)
        func bits(_ r: Results) -> [UInt32] { (r.output + r.kernelGradient + r.biasGradient + r.inputGradient).map(\.bitPattern) }
        #expect(bits(first) == bits(second))
    }
}
