import CBLAS

/// A 3×3 convolution with padding 1 and stride 1 or 2, NHWC, computed as im2col + one sgemm:
/// Y `[batch·Ho·Wo × C_out]` = cols `[batch·Ho·Wo × 9·C_in]` · K `[9·C_in × C_out]` + b.
/// The kernel is stored row-major with rows ordered (ky, kx, c_in), i.e. HWIO.
///
/// The column matrix is not kept between forward and backward: the backward pass lowers the
/// input again into the shared workspace (cheap next to the GEMMs) so that all layers share one
/// scratch buffer instead of each holding a batch-sized copy of its patches.
final class Conv2DLayer: Layer {
    let inputShape: FeatureShape
    let outputShape: FeatureShape
    let stride: Int
    private let patch: Int
    private var kernel: UnsafeMutablePointer<Float>!
    private var bias: UnsafeMutablePointer<Float>!
    private var kernelGradient: UnsafeMutablePointer<Float>!
    private var biasGradient: UnsafeMutablePointer<Float>!
    private let ones: FloatBuffer

    init(input: FeatureShape, outputChannels: Int, stride: Int, maxBatch: Int) {
        precondition(stride == 1 || stride == 2)
        inputShape = input
        self.stride = stride
        outputShape = FeatureShape(height: Im2Col.outputExtent(input.height, stride: stride),
                                   width: Im2Col.outputExtent(input.width, stride: stride), channels: outputChannels)
        patch = 9 * input.channels
        ones = FloatBuffer(count: maxBatch * outputShape.height * outputShape.width)
        ones.fill(1)
    }

    private var pixels: Int { outputShape.height * outputShape.width }
    private var outputChannels: Int { outputShape.channels }

    var parameterCount: Int { patch * outputChannels + outputChannels }

    func workspaceCount(batch: Int) -> Int { batch * pixels * patch }

    func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        kernel = parameters
        bias = parameters + patch * outputChannels
        kernelGradient = gradients
        biasGradient = gradients + patch * outputChannels
    }

    func initialize(_ scheme: WeightInitialization, sw2: Double, sb2: Double, generator: inout SeededGenerator) throws {
        switch scheme {
        case .gaussian:
            Initializers.gaussian(kernel, count: patch * outputChannels, standardDeviation: (sw2 / Double(patch)).squareRoot(), generator: &generator)
        case .orthogonal:
            // The whole [9·C_in × C_out] matrix orthogonal (rows or columns orthonormal).
            try Initializers.orthogonal(kernel, rows: patch, columns: outputChannels, gain: sw2.squareRoot(), generator: &generator)
        case .deltaOrthogonal:
            try Initializers.deltaOrthogonal(kernel, inputChannels: inputShape.channels, outputChannels: outputChannels,
                                             gain: sw2.squareRoot(), generator: &generator)
        }
        Initializers.gaussian(bias, count: outputChannels, standardDeviation: sb2.squareRoot(), generator: &generator)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        let rows = batch * pixels
        Im2Col.lower(input, shape: inputShape, stride: stride, batch: batch, into: workspace)
        RunKernels.broadcast(bias, width: outputChannels, rows: rows, into: output)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(outputChannels), Int32(patch),
                    1, workspace, Int32(patch), kernel, Int32(outputChannels), 1, output, Int32(outputChannels))
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        let rows = batch * pixels
        Im2Col.lower(input, shape: inputShape, stride: stride, batch: batch, into: workspace)
        // dK = colsᵀ·dY.
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(patch), Int32(outputChannels), Int32(rows),
                    1, workspace, Int32(patch), outputGradient, Int32(outputChannels), 0, kernelGradient, Int32(outputChannels))
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(outputChannels), 1, outputGradient, Int32(outputChannels),
                    ones.pointer, 1, 0, biasGradient, 1)
        guard let inputGradient else { return }
        // dcols = dY·Kᵀ, written over the columns (no longer needed), then folded back (col2im).
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(patch), Int32(outputChannels),
                    1, outputGradient, Int32(outputChannels), kernel, Int32(outputChannels), 0, workspace, Int32(patch))
        Im2Col.raise(workspace, shape: inputShape, stride: stride, batch: batch, into: inputGradient)
    }
}
