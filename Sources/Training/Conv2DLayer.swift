import CBLAS

/// A 3×3 convolution with padding 1 and stride 1 or 2, NHWC, computed as im2col + one sgemm:
/// Y `[batch·Ho·Wo × C_out]` = cols `[batch·Ho·Wo × 9·C_in]` · K `[9·C_in × C_out]` + b.
/// The kernel is stored row-major with rows ordered (ky, kx, c_in), i.e. HWIO.
///
/// The column matrix is not kept between forward and backward: the backward pass lowers again
/// into the shared workspace so that all layers share one scratch buffer instead of each holding
/// a batch-sized copy of its patches. Each pass runs over the batch in chunks of whole images
/// (see ``chunkFloats``), so the workspace is cache-sized and the weight gradient is accumulated
/// chunk by chunk (a fixed order, so still deterministic).
///
/// At stride 1 the input gradient is itself a 3×3 'same' convolution, of dY with the kernel
/// flipped in space and transposed in channels, so it is lowered and multiplied like the forward
/// pass: dX = lower(dY) `[rows × 9·C_out]` · K̃ `[9·C_out × C_in]`, and the same lowered dY gives
/// the weight gradient, so the input is not lowered again. The col2im alternative (dY·Kᵀ then
/// folding 9 taps back) writes and re-reads a `[rows × 9·C_in]` matrix from a GEMM with inner
/// dimension C_out, the least efficient shape OpenBLAS gets here. Stride 2 keeps col2im and lowers
/// the input again for the weight gradient.
///
/// Stride-1 layers with C_in ≥ 2 instead run Winograd F(2×2, 3×3) (``WinogradConvolution``), see
/// ``Algorithm/preferred(inputChannels:stride:)``; the im2col path stays for the rest and as the
/// reference the Winograd tests compare against.
final class Conv2DLayer: Layer {
    /// How the convolution is computed; fixed at init.
    enum Algorithm: Sendable {
        /// im2col + one sgemm (any stride, any channel count).
        case im2col
        /// Winograd F(2×2, 3×3): 16 smaller sgemms and 2.25× fewer multiply-adds (stride 1 only).
        case winograd

        /// The one place the choice is made. Winograd needs stride 1. At C_in = 1 (the first layer
        /// on grey images) its GEMMs have inner dimension 1, far below what BLAS runs efficiently,
        /// and the transforms cost more than im2col's 9-float rows, so that layer stays im2col.
        static func preferred(inputChannels: Int, stride: Int) -> Algorithm {
            stride == 1 && inputChannels >= 2 ? .winograd : .im2col
        }
    }

    let inputShape: FeatureShape
    let outputShape: FeatureShape
    let stride: Int
    /// The algorithm chosen at init.
    let algorithm: Algorithm
    /// The Winograd engine and its per-instance buffers (nil on the im2col path).
    private let winograd: WinogradConvolution?
    private let patch: Int
    private var kernel: UnsafeMutablePointer<Float>!
    private var bias: UnsafeMutablePointer<Float>!
    private var kernelGradient: UnsafeMutablePointer<Float>!
    private var biasGradient: UnsafeMutablePointer<Float>!
    private let ones: FloatBuffer
    /// K̃ for the stride-1 input gradient, rebuilt from the kernel in each backward pass.
    private let flippedKernel: FloatBuffer
    /// The stride-1 kernel gradient as accumulated, `[C_in × 9·C_out]` with mirrored taps.
    private let flippedGradient: FloatBuffer

    /// `algorithm` nil takes ``Algorithm/preferred(inputChannels:stride:)``; tests force either.
    init(input: FeatureShape, outputChannels: Int, stride: Int, maxBatch: Int, algorithm: Algorithm? = nil) {
        precondition(stride == 1 || stride == 2)
        inputShape = input
        self.stride = stride
        let algorithm = algorithm ?? Algorithm.preferred(inputChannels: input.channels, stride: stride)
        precondition(algorithm == .im2col || stride == 1, "Winograd F(2×2, 3×3) is for stride 1")
        self.algorithm = algorithm
        winograd = algorithm == .winograd ? WinogradConvolution(input: input, outputChannels: outputChannels) : nil
        outputShape = FeatureShape(height: Im2Col.outputExtent(input.height, stride: stride),
                                   width: Im2Col.outputExtent(input.width, stride: stride), channels: outputChannels)
        patch = 9 * input.channels
        ones = FloatBuffer(count: maxBatch * outputShape.height * outputShape.width)
        ones.fill(1)
        let flips = stride == 1 && algorithm == .im2col
        flippedKernel = FloatBuffer(count: flips ? patch * outputChannels : 0)
        flippedGradient = FloatBuffer(count: flips ? patch * outputChannels : 0)
    }

    private var pixels: Int { outputShape.height * outputShape.width }
    private var outputChannels: Int { outputShape.channels }

    var parameterCount: Int { patch * outputChannels + outputChannels }

    /// Floats of one image's widest lowered matrix: its patches, or at stride 1 also dY's.
    private var loweredPerImage: Int { pixels * (stride == 1 ? 9 * max(inputShape.channels, outputChannels) : patch) }

    /// The lowered matrix is built and consumed a run of images at a time, within this many
    /// floats (1 MiB, half an L2 of the machines measured), so the GEMM's packing reads it from
    /// cache instead of memory; a whole batch at once is tens of MB written and re-read. 2¹⁷ to 2¹⁹
    /// measured alike, 2¹⁶ slower (smaller GEMMs), the whole batch ~12 % slower.
    static let chunkFloats = 1 << 18

    private var imagesPerChunk: Int { max(1, Conv2DLayer.chunkFloats / loweredPerImage) }

    func workspaceCount(batch: Int) -> Int {
        winograd?.workspaceCount(batch: batch) ?? min(batch, imagesPerChunk) * loweredPerImage
    }

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
        if let winograd {
            winograd.forward(input: input, kernel: kernel, bias: bias, output: output, batch: batch, workspace: workspace)
            return
        }
        forEachChunk(batch: batch) { first, count in
            let rows = count * pixels, y = output + first * pixels * outputChannels
            Im2Col.lower(input + first * inputShape.count, shape: inputShape, stride: stride, batch: count, into: workspace)
            // Seeded with the bias chunk by chunk, so the GEMM's beta = 1 reads it back from cache.
            RunKernels.broadcast(bias, width: outputChannels, rows: rows, into: y)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(outputChannels), Int32(patch),
                        1, workspace, Int32(patch), kernel, Int32(outputChannels), 1, y, Int32(outputChannels))
        }
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(batch * pixels), Int32(outputChannels), 1, outputGradient, Int32(outputChannels),
                    ones.pointer, 1, 0, biasGradient, 1)
        if let winograd {
            winograd.backward(input: input, outputGradient: outputGradient, kernelGradient: kernelGradient,
                              inputGradient: inputGradient, batch: batch, workspace: workspace)
            return
        }
        if stride == 1, let inputGradient {
            backwardThroughLoweredGradient(input: input, outputGradient: outputGradient, inputGradient: inputGradient, batch: batch, workspace: workspace)
            return
        }
        forEachChunk(batch: batch) { first, count in
            let rows = count * pixels
            let dY = outputGradient + first * pixels * outputChannels
            Im2Col.lower(input + first * inputShape.count, shape: inputShape, stride: stride, batch: count, into: workspace)
            // dK = colsᵀ·dY, accumulated over chunks.
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(patch), Int32(outputChannels), Int32(rows),
                        1, workspace, Int32(patch), dY, Int32(outputChannels), first == 0 ? 0 : 1, kernelGradient, Int32(outputChannels))
            guard let inputGradient else { return }
            // dcols = dY·Kᵀ, written over the columns (no longer needed), then folded back (col2im).
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(patch), Int32(outputChannels),
                        1, dY, Int32(outputChannels), kernel, Int32(outputChannels), 0, workspace, Int32(patch))
            Im2Col.raise(workspace, shape: inputShape, stride: stride, batch: count, into: inputGradient + first * inputShape.count)
        }
    }

    /// Stride 1 with an input gradient: one lowering of dY per chunk serves both products, so the
    /// input is not lowered again. dX = lower(dY)·K̃, and since tap (ky, kx) pairs input pixel q
    /// with output pixel q − (ky−1, kx−1), which lower(dY) holds at the mirrored tap,
    /// G = Xᵀ·lower(dY) `[C_in × 9·C_out]` is the kernel gradient with taps mirrored and the two
    /// channel axes swapped (undone by ``unflipGradient()``).
    private func backwardThroughLoweredGradient(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                                inputGradient: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        flipKernel()
        let lowered = 9 * outputChannels, inputChannels = inputShape.channels
        forEachChunk(batch: batch) { first, count in
            let rows = count * pixels
            let x = input + first * inputShape.count
            Im2Col.lower(outputGradient + first * pixels * outputChannels, shape: outputShape, stride: 1, batch: count, into: workspace)
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(inputChannels), Int32(lowered), Int32(rows),
                        1, x, Int32(inputChannels), workspace, Int32(lowered), first == 0 ? 0 : 1, flippedGradient.pointer, Int32(lowered))
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(inputChannels), Int32(lowered),
                        1, workspace, Int32(lowered), flippedKernel.pointer, Int32(inputChannels), 0,
                        inputGradient + first * inputShape.count, Int32(inputChannels))
        }
        unflipGradient()
    }

    /// Runs `body(first, count)` over runs of whole images covering `batch` (``ImageChunks``), each run's
    /// lowered matrix within ``Conv2DLayer/chunkFloats``.
    private func forEachChunk(batch: Int, _ body: (_ first: Int, _ count: Int) -> Void) {
        ImageChunks.forEach(batch: batch, imagesPerChunk: imagesPerChunk, body)
    }

    /// K̃[(2−ky, 2−kx, c_out), c_in] = K[(ky, kx, c_in), c_out]: tap (ky, kx) of the forward pass
    /// reads input pixel p + (ky−1, kx−1), so input pixel q receives from output pixel
    /// q − (ky−1, kx−1) = q + ((2−ky)−1, (2−kx)−1), the mirrored tap.
    private func flipKernel() {
        let inputChannels = inputShape.channels
        for ky in 0..<3 {
            for kx in 0..<3 {
                let source = kernel + ((ky * 3 + kx) * inputChannels) * outputChannels
                let target = flippedKernel.pointer + ((2 - ky) * 3 + (2 - kx)) * outputChannels * inputChannels
                for ci in 0..<inputChannels {
                    for co in 0..<outputChannels { target[co * inputChannels + ci] = source[ci * outputChannels + co] }
                }
            }
        }
    }

    /// dK[(ky, kx, c_in), c_out] = G[c_in, (2−ky, 2−kx, c_out)].
    private func unflipGradient() {
        let inputChannels = inputShape.channels, lowered = 9 * outputChannels
        for ky in 0..<3 {
            for kx in 0..<3 {
                let target = kernelGradient + ((ky * 3 + kx) * inputChannels) * outputChannels
                let source = flippedGradient.pointer + ((2 - ky) * 3 + (2 - kx)) * outputChannels
                for ci in 0..<inputChannels {
                    (target + ci * outputChannels).update(from: source + ci * lowered, count: outputChannels)
                }
            }
        }
    }
}
