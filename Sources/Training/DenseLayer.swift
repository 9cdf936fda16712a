import CBLAS

/// A fully connected layer y = x·W + b with W stored row-major as `[inputs × outputs]`
/// (fan-in rows), so the forward pass, the weight gradient Xᵀ·dY and the input gradient dY·Wᵀ
/// are three sgemm calls using transposes instead of copies.
final class DenseLayer: Layer {
    let inputShape: FeatureShape
    let outputShape: FeatureShape
    let inputs: Int
    let outputs: Int
    private var weights: UnsafeMutablePointer<Float>!
    private var bias: UnsafeMutablePointer<Float>!
    private var weightGradient: UnsafeMutablePointer<Float>!
    private var biasGradient: UnsafeMutablePointer<Float>!
    /// A vector of ones, for the bias gradient as one sgemv (column sums of dY).
    private let ones: FloatBuffer

    init(inputs: FeatureShape, outputs: Int, maxBatch: Int) {
        inputShape = inputs
        self.inputs = inputs.count
        self.outputs = outputs
        outputShape = .vector(outputs)
        ones = FloatBuffer(count: maxBatch)
        ones.fill(1)
    }

    var parameterCount: Int { inputs * outputs + outputs }

    func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        weights = parameters
        bias = parameters + inputs * outputs
        weightGradient = gradients
        biasGradient = gradients + inputs * outputs
    }

    func initialize(_ scheme: WeightInitialization, sw2: Double, sb2: Double, generator: inout SeededGenerator) throws {
        switch scheme {
        case .gaussian:
            Initializers.gaussian(weights, count: inputs * outputs, standardDeviation: (sw2 / Double(inputs)).squareRoot(), generator: &generator)
        case .orthogonal, .deltaOrthogonal:
            // Delta-orthogonal is a convolution scheme; its dense analogue is the orthogonal matrix.
            try Initializers.orthogonal(weights, rows: inputs, columns: outputs, gain: sw2.squareRoot(), generator: &generator)
        }
        Initializers.gaussian(bias, count: outputs, standardDeviation: sb2.squareRoot(), generator: &generator)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        // Seed every row with the bias, then accumulate X·W on top (beta = 1): no separate pass.
        for row in 0..<batch { (output + row * outputs).update(from: bias, count: outputs) }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(batch), Int32(outputs), Int32(inputs),
                    1, input, Int32(inputs), weights, Int32(outputs), 1, output, Int32(outputs))
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        // dW = Xᵀ·dY  ([inputs × batch]·[batch × outputs]).
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(inputs), Int32(outputs), Int32(batch),
                    1, input, Int32(inputs), outputGradient, Int32(outputs), 0, weightGradient, Int32(outputs))
        // db = dYᵀ·1.
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(batch), Int32(outputs), 1, outputGradient, Int32(outputs),
                    ones.pointer, 1, 0, biasGradient, 1)
        // dX = dY·Wᵀ  ([batch × outputs]·[outputs × inputs]).
        if let inputGradient {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(batch), Int32(inputs), Int32(outputs),
                        1, outputGradient, Int32(outputs), weights, Int32(outputs), 0, inputGradient, Int32(inputs))
        }
    }
}
