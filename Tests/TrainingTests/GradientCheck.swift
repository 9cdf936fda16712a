@testable import Training

/// Finite-difference checking of a layer's backward pass against its forward pass.
///
/// The scalar probed is L = Σ r ⊙ layer(x) for a fixed random r, so ∂L/∂output = r. Central
/// differences in Float32 with step h have truncation error O(h²) and rounding error
/// O(ε_f32·|L|/h); h = 1e-2 balances them at about 1e-4 relative for these small layers, so a
/// relative tolerance of 1e-2 on the sampled components separates right from wrong gradients
/// (a wrong stride, transpose or tap order errs by O(1)).
enum GradientCheck {
    struct Report { var worstRelativeError: Double; var checked: Int }

    static func check(_ layer: Layer, batch: Int, step h: Float = 1e-2, inputs makeInput: ((inout SeededGenerator) -> Float)? = nil,
                      seed: UInt64 = 7) -> Report {
        var generator = SeededGenerator(seed: seed)
        let inputCount = batch * layer.inputShape.count, outputCount = batch * layer.outputShape.count
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        for i in 0..<parameters.count { parameters.pointer[i] = Float(0.5 * generator.nextGaussian()) }
        let input = FloatBuffer(count: inputCount)
        for i in 0..<inputCount { input.pointer[i] = makeInput?(&generator) ?? Float(generator.nextGaussian()) }
        let probe = FloatBuffer(count: outputCount)
        for i in 0..<outputCount { probe.pointer[i] = Float(generator.nextGaussian()) }
        let output = FloatBuffer(count: outputCount), inputGradient = FloatBuffer(count: inputCount)
        let workspace = FloatBuffer(count: layer.workspaceCount(batch: batch))

        func loss() -> Double {
            layer.forward(input: input.pointer, output: output.pointer, batch: batch, workspace: workspace.pointer)
            var sum = 0.0
            for i in 0..<outputCount { sum += Double(output.pointer[i]) * Double(probe.pointer[i]) }
            return sum
        }
        _ = loss()
        layer.backward(input: input.pointer, output: output.pointer, outputGradient: probe.pointer,
                       inputGradient: inputGradient.pointer, batch: batch, workspace: workspace.pointer)
        var worst = 0.0, checked = 0
        func probeCoordinate(_ pointer: UnsafeMutablePointer<Float>, _ analytic: Float) {
            let saved = pointer.pointee
            pointer.pointee = saved + h; let up = loss()
            pointer.pointee = saved - h; let down = loss()
            pointer.pointee = saved
            let numeric = (up - down) / Double(2 * h)
            let error = abs(numeric - Double(analytic)) / max(abs(numeric) + abs(Double(analytic)), 1e-2)
            worst = max(worst, error)
            checked += 1
        }
        let strideIn = max(1, inputCount / 40), strideP = max(1, parameters.count / 40)
        for i in stride(from: 0, to: inputCount, by: strideIn) { probeCoordinate(input.pointer + i, inputGradient.pointer[i]) }
        let analyticParameters = gradients.array
        for i in stride(from: 0, to: parameters.count, by: strideP) { probeCoordinate(parameters.pointer + i, analyticParameters[i]) }
        // The last parameters are the biases: check them all.
        for i in max(0, parameters.count - 4)..<parameters.count { probeCoordinate(parameters.pointer + i, analyticParameters[i]) }
        return Report(worstRelativeError: worst, checked: checked)
    }
}
