import Testing
@testable import Training

/// A convolution processes its batch in chunks of images (``Conv2DLayer/chunkFloats``), which the
/// small gradient-check layers never need. Here a batch spans several chunks, and its outputs and
/// gradients must equal those of the examples run one at a time (weight gradients summed).
struct ConvolutionChunkTests {
    @Test(arguments: [1, 2])
    func chunkedBatchMatchesSingleExamples(stride: Int) {
        let shape = FeatureShape(height: 16 * stride, width: 16 * stride, channels: 32), batch = 5
        let layer = Conv2DLayer(input: shape, outputChannels: 32, stride: stride, maxBatch: batch)
        #expect(layer.workspaceCount(batch: batch) < layer.workspaceCount(batch: 1) * batch, "the batch must span several chunks")
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = SeededGenerator(seed: 11)
        for i in 0..<parameters.count { parameters.pointer[i] = Float(0.1 * generator.nextGaussian()) }
        let inCount = shape.count, outCount = layer.outputShape.count
        let input = FloatBuffer(count: batch * inCount), outputGradient = FloatBuffer(count: batch * outCount)
        for i in 0..<input.count { input.pointer[i] = Float(generator.nextGaussian()) }
        for i in 0..<outputGradient.count { outputGradient.pointer[i] = Float(generator.nextGaussian()) }
        let workspace = FloatBuffer(count: layer.workspaceCount(batch: batch))
        let output = FloatBuffer(count: batch * outCount), inputGradient = FloatBuffer(count: batch * inCount)
        layer.forward(input: input.pointer, output: output.pointer, batch: batch, workspace: workspace.pointer)
        layer.backward(input: input.pointer, output: output.pointer, outputGradient: outputGradient.pointer,
                       inputGradient: inputGradient.pointer, batch: batch, workspace: workspace.pointer)
        let batched = gradients.array

        var summed = [Double](repeating: 0, count: parameters.count)
        var worstOutput: Float = 0, worstInputGradient: Float = 0
        let single = FloatBuffer(count: outCount), singleInputGradient = FloatBuffer(count: inCount)
        for n in 0..<batch {
            layer.forward(input: input.pointer + n * inCount, output: single.pointer, batch: 1, workspace: workspace.pointer)
            layer.backward(input: input.pointer + n * inCount, output: single.pointer, outputGradient: outputGradient.pointer + n * outCount,
                           inputGradient: singleInputGradient.pointer, batch: 1, workspace: workspace.pointer)
            for i in 0..<outCount { worstOutput = max(worstOutput, abs(single.pointer[i] - output.pointer[n * outCount + i])) }
            for i in 0..<inCount {
                worstInputGradient = max(worstInputGradient, abs(singleInputGradient.pointer[i] - inputGradient.pointer[n * inCount + i]))
            }
            for i in 0..<parameters.count { summed[i] += Double(gradients.pointer[i]) }
        }
        let scale = summed.map(abs).max() ?? 1
        let worstParameter = zip(batched, summed).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worstOutput < 1e-5 && worstInputGradient < 1e-5, "stride \(stride): output \(worstOutput), input gradient \(worstInputGradient)")
        #expect(worstParameter < 1e-5 * scale, "stride \(stride): parameter gradient off by \(worstParameter) of \(scale)")
    }
}
