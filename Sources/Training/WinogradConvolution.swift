import CBLAS

/// A stride-1 'same' 3×3 convolution (padding 1, NHWC, Float32) by Winograd's minimal filtering
/// F(2×2, 3×3) (Lavin & Gray 2016), forward and its exact adjoint.
///
/// The output is cut into 2×2 tiles at stride 2, ⌈H/2⌉ × ⌈W/2⌉ of them; tile (ty, tx) reads the
/// 4×4 input window whose corner is input pixel (2ty − 1, 2tx − 1), zero outside the image. With
///
///     U = G g Gᵀ (kernel, 4×4 per (c_in, c_out)),  V = Bᵀ d B (window, 4×4 per (tile, c_in)),
///     M_ξ = V_ξ · U_ξ  (one `[tiles × C_in]·[C_in × C_out]` sgemm per point ξ of the 4×4 grid),
///     Y = Aᵀ M A (the 2×2 tile, per (tile, c_out)),
///
/// a tile costs 16 multiply-adds per channel pair instead of 36, and at the CNN's 7×7 maps with
/// 32 or 64 channels the 16 GEMMs took 0.5–0.8× the time of im2col's single GEMM (single-threaded
/// OpenBLAS). Odd sizes work: tiles may reach one row or column past the image; their inputs read
/// zeros and their extra outputs are discarded.
///
/// The backward pass is the transpose of each linear step, in reverse:
/// dM = A dY Aᵀ, dU_ξ = V_ξᵀ · dM_ξ (accumulated over chunks), dg = Gᵀ dU G;
/// dV_ξ = dM_ξ · U_ξᵀ, dX = Σ_tiles B dV Bᵀ added into the overlapping windows.
/// So the gradients are those of the function actually computed, not of an exact convolution.
///
/// Data layout: V is `[16][tiles][C_in]` and M `[16][tiles][C_out]`, so each ξ's matrix is one
/// contiguous row-major block for BLAS; channels are the innermost axis everywhere, so every
/// transform is a loop over channels of the same few additions, run on 4-float vectors
/// (``WinogradLane``) with a scalar tail. V's and M's 16 blocks sit a cache line apart beyond
/// their size (see ``plane(tiles:channels:)``).
///
/// Scratch: V and M for one chunk of images live in the caller's workspace (see
/// ``workspaceCount(batch:)``); U, dU and the small edge buffers belong to this instance, so two
/// instances may run concurrently while sharing the read-only parameters. Every sum runs in a
/// fixed order, so results are deterministic for a given BLAS.
final class WinogradConvolution {
    /// Shape of one input example; the output has the same height and width.
    let inputShape: FeatureShape
    /// Channels of the output.
    let outputChannels: Int
    /// Tile rows and columns per image: ⌈H/2⌉ and ⌈W/2⌉.
    private let tileRows: Int, tileColumns: Int
    /// U `[16][C_in][C_out]`, rebuilt from the kernel by each forward pass (the parameters change
    /// between steps); the backward pass that follows reuses it.
    private let transformedKernel: FloatBuffer
    /// Uᵀ `[16][C_out][C_in]`, for the input gradient dV_ξ = dM_ξ·U_ξᵀ as a plain (NN) product:
    /// single-threaded OpenBLAS ran the transposed-operand form at 67–89 GFLOP/s and the NN form at
    /// 99–106 for these shapes (`[128…512 tiles × C] · [C × C]`, C = 32 and 64).
    private let transposedKernel: FloatBuffer
    /// dU `[16][C_in][C_out]`, accumulated over the chunks of a backward pass.
    private let transformedGradient: FloatBuffer
    /// Zeros read in place of pixels outside the image, so the transforms need no branches.
    private let zeros: FloatBuffer
    /// Written in place of pixels outside the image and never read for a result.
    private let sink: FloatBuffer
    /// The 16 (or 4) per-pixel channel vectors a transform of one tile reads, set per tile.
    private let sources: UnsafeMutablePointer<UnsafePointer<Float>>
    /// The 16 (or 4) per-pixel channel vectors a transform of one tile writes, set per tile.
    private let targets: UnsafeMutablePointer<UnsafeMutablePointer<Float>>

    /// V and M of one chunk of images within this many floats (1 MiB), so they stay in cache
    /// between the transforms and the GEMMs: ``Conv2DLayer/chunkFloats``, the budget measured there.
    static let chunkFloats = Conv2DLayer.chunkFloats

    /// A convolution of `input` to `outputChannels` channels, same height and width.
    init(input: FeatureShape, outputChannels: Int) {
        inputShape = input
        self.outputChannels = outputChannels
        tileRows = (input.height + 1) / 2
        tileColumns = (input.width + 1) / 2
        transformedKernel = FloatBuffer(count: 16 * input.channels * outputChannels)
        transformedGradient = FloatBuffer(count: 16 * input.channels * outputChannels)
        transposedKernel = FloatBuffer(count: 16 * input.channels * outputChannels)
        zeros = FloatBuffer(count: max(input.channels, outputChannels))
        sink = FloatBuffer(count: max(input.channels, outputChannels))
        sources = .allocate(capacity: 16)
        sources.initialize(repeating: UnsafePointer(zeros.pointer), count: 16)
        targets = .allocate(capacity: 16)
        targets.initialize(repeating: sink.pointer, count: 16)
    }

    deinit {
        sources.deallocate()
        targets.deallocate()
    }

    private var inputChannels: Int { inputShape.channels }
    private var tilesPerImage: Int { tileRows * tileColumns }
    /// Floats of V and M for one image.
    private var floatsPerImage: Int { 16 * tilesPerImage * (inputChannels + outputChannels) }
    private var imagesPerChunk: Int { max(1, WinogradConvolution.chunkFloats / floatsPerImage) }

    /// Floats between the starts of consecutive ξ blocks of V or M: the block plus one cache line.
    /// Unpadded, the blocks are often a multiple of 4 KiB apart (128 tiles × 64 channels is
    /// 32 KiB), so the 16 streams a transform writes or reads per tile fall in the same L1 sets
    /// and evict each other; one line of offset spreads them over 16 sets.
    @inline(__always)
    private static func plane(tiles: Int, channels: Int) -> Int { tiles * channels + 16 }

    /// Floats of scratch needed for a batch of `batch` examples: V and M of one chunk.
    func workspaceCount(batch: Int) -> Int {
        let tiles = min(batch, imagesPerChunk) * tilesPerImage
        return 16 * (Self.plane(tiles: tiles, channels: inputChannels) + Self.plane(tiles: tiles, channels: outputChannels))
    }

    /// output = conv(input, kernel) + bias for `batch` examples; `kernel` is HWIO `[9·C_in × C_out]`.
    func forward(input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                 output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        transformKernel(kernel)
        let cIn = inputChannels, cOut = outputChannels, pixels = inputShape.height * inputShape.width
        forEachChunk(batch: batch) { first, count in
            let tiles = count * tilesPerImage
            let vPlane = Self.plane(tiles: tiles, channels: cIn), mPlane = Self.plane(tiles: tiles, channels: cOut)
            let v = workspace, m = workspace + 16 * vPlane
            transformInput(input + first * inputShape.count, images: count, into: v)
            for xi in 0..<16 {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(tiles), Int32(cOut), Int32(cIn),
                            1, v + xi * vPlane, Int32(cIn), transformedKernel.pointer + xi * cIn * cOut, Int32(cOut),
                            0, m + xi * mPlane, Int32(cOut))
            }
            transformOutput(m, bias: bias, images: count, into: output + first * pixels * cOut)
        }
    }

    /// Overwrites `kernelGradient` (HWIO, like the kernel) and, when non-nil, `inputGradient`, given
    /// dY = `outputGradient`. The bias gradient is the caller's (column sums of dY). Call it after
    /// ``forward(input:kernel:bias:output:batch:workspace:)`` on the same input and kernel, whose U it reuses.
    func backward(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  kernelGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
                  batch: Int, workspace: UnsafeMutablePointer<Float>) {
        // U is the one the preceding forward pass built: a layer's backward always follows its
        // forward with the same parameters (it reads that pass's activations too).
        if inputGradient != nil { transposeTransformedKernel() }
        let cIn = inputChannels, cOut = outputChannels, pixels = inputShape.height * inputShape.width
        let uT = transposedKernel.pointer, du = transformedGradient.pointer
        forEachChunk(batch: batch) { first, count in
            let tiles = count * tilesPerImage
            let vPlane = Self.plane(tiles: tiles, channels: cIn), mPlane = Self.plane(tiles: tiles, channels: cOut)
            let v = workspace, dm = workspace + 16 * vPlane
            transformInput(input + first * inputShape.count, images: count, into: v)
            transformOutputGradient(outputGradient + first * pixels * cOut, images: count, into: dm)
            for xi in 0..<16 {
                let vXi = v + xi * vPlane, dmXi = dm + xi * mPlane
                // dU_ξ = V_ξᵀ·dM_ξ, the first chunk overwriting and later ones adding (fixed order).
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(cIn), Int32(cOut), Int32(tiles),
                            1, vXi, Int32(cIn), dmXi, Int32(cOut), first == 0 ? 0 : 1, du + xi * cIn * cOut, Int32(cOut))
                guard inputGradient != nil else { continue }
                // dV_ξ = dM_ξ·U_ξᵀ, written over V_ξ, whose last reader was the line above.
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(tiles), Int32(cIn), Int32(cOut),
                            1, dmXi, Int32(cOut), uT + xi * cIn * cOut, Int32(cIn), 0, vXi, Int32(cIn))
            }
            if let inputGradient {
                scatterInputGradient(v, images: count, into: inputGradient + first * inputShape.count)
            }
        }
        untransformGradient(into: kernelGradient)
    }

    /// Uᵀ_ξ from U_ξ for every ξ (an exact copy, so the input gradient is unchanged in value
    /// apart from the GEMM's own summation order).
    private func transposeTransformedKernel() {
        let cIn = inputChannels, cOut = outputChannels
        for xi in 0..<16 {
            let u = transformedKernel.pointer + xi * cIn * cOut, uT = transposedKernel.pointer + xi * cIn * cOut
            for ci in 0..<cIn {
                for co in 0..<cOut { uT[co * cIn + ci] = u[ci * cOut + co] }
            }
        }
    }

    /// Runs `body(first, count)` over runs of whole images covering `batch` (``ImageChunks``), each run's
    /// V and M within ``chunkFloats``.
    private func forEachChunk(batch: Int, _ body: (_ first: Int, _ count: Int) -> Void) {
        ImageChunks.forEach(batch: batch, imagesPerChunk: imagesPerChunk, body)
    }

    /// The lane of the transforms' main loops. The module is built for baseline x86-64 (SSE), where
    /// 8-float vectors are register pairs: a tile's 16 values then spill, and the input and output
    /// transforms measured 15–25 % slower than with 4-float vectors.
    typealias Vector = SIMD4<Float>

    /// Runs `vector(k)` and `scalar(k)` over channel offsets 0..<`channels`: ``Vector`` lanes, then
    /// single floats for the remainder (only tiny test layers have channel counts that are not
    /// multiples of 4).
    @inline(__always)
    private func forEachLane(_ channels: Int, vector: (Int) -> Void, scalar: (Int) -> Void) {
        var k = 0
        while k + Vector.scalarCount <= channels { vector(k); k += Vector.scalarCount }
        while k < channels { scalar(k); k += 1 }
    }

    // MARK: Kernel

    /// U[ξ][c_in][c_out] = (G g Gᵀ)_ξ with g[ky][kx] = kernel[(ky, kx, c_in), c_out].
    private func transformKernel(_ kernel: UnsafePointer<Float>) {
        let cIn = inputChannels, cOut = outputChannels
        for ci in 0..<cIn {
            forEachLane(cOut, vector: { transformKernel(Vector.self, kernel, ci, $0) },
                        scalar: { transformKernel(Float.self, kernel, ci, $0) })
        }
    }

    @inline(__always)
    private func transformKernel<L: WinogradLane>(_: L.Type, _ kernel: UnsafePointer<Float>, _ ci: Int, _ co: Int) {
        let cIn = inputChannels, cOut = outputChannels
        @inline(__always) func tap(_ ky: Int, _ kx: Int) -> L { L.load(kernel + ((ky * 3 + kx) * cIn + ci) * cOut + co) }
        let rows = Winograd.g(Triple(tap(0, 0), tap(0, 1), tap(0, 2)), Triple(tap(1, 0), tap(1, 1), tap(1, 2)),
                              Triple(tap(2, 0), tap(2, 1), tap(2, 2)))
        let u = transformedKernel.pointer + ci * cOut + co, plane = cIn * cOut
        // Unrolled by hand rather than over an array of rows, which could allocate per lane.
        @inline(__always) func store(_ i: Int, _ row: Triple<L>) {
            let q = Winograd.g(row.x0, row.x1, row.x2), base = u + 4 * i * plane
            q.0.store(base); q.1.store(base + plane); q.2.store(base + 2 * plane); q.3.store(base + 3 * plane)
        }
        store(0, rows.0); store(1, rows.1); store(2, rows.2); store(3, rows.3)
    }

    /// kernelGradient[(ky, kx, c_in), c_out] = (Gᵀ dU G)[ky][kx], the adjoint of ``transformKernel(_:)``.
    private func untransformGradient(into kernelGradient: UnsafeMutablePointer<Float>) {
        for ci in 0..<inputChannels {
            forEachLane(outputChannels, vector: { untransformGradient(Vector.self, kernelGradient, ci, $0) },
                        scalar: { untransformGradient(Float.self, kernelGradient, ci, $0) })
        }
    }

    @inline(__always)
    private func untransformGradient<L: WinogradLane>(_: L.Type, _ kernelGradient: UnsafeMutablePointer<Float>, _ ci: Int, _ co: Int) {
        let cIn = inputChannels, cOut = outputChannels, plane = cIn * cOut
        let du = transformedGradient.pointer + ci * cOut + co
        @inline(__always) func row(_ i: Int) -> Quad<L> {
            Quad(L.load(du + (4 * i) * plane), L.load(du + (4 * i + 1) * plane),
                 L.load(du + (4 * i + 2) * plane), L.load(du + (4 * i + 3) * plane))
        }
        let rows = Winograd.gTransposed(row(0), row(1), row(2), row(3))
        @inline(__always) func store(_ ky: Int, _ r: Quad<L>) {
            let t = Winograd.gTransposed(r.x0, r.x1, r.x2, r.x3), base = kernelGradient + (ky * 3 * cIn + ci) * cOut + co
            t.0.store(base); t.1.store(base + cIn * cOut); t.2.store(base + 2 * cIn * cOut)
        }
        store(0, rows.0); store(1, rows.1); store(2, rows.2)
    }

    // MARK: Input

    /// V[ξ][tile][c_in] = (Bᵀ d B)_ξ for every tile's 4×4 window d of `images` images.
    private func transformInput(_ input: UnsafePointer<Float>, images: Int, into v: UnsafeMutablePointer<Float>) {
        let h = inputShape.height, w = inputShape.width, c = inputChannels
        let plane = Self.plane(tiles: images * tilesPerImage, channels: c)
        var out = v
        for n in 0..<images {
            let image = input + n * inputShape.count
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    for i in 0..<4 {
                        let y = 2 * ty - 1 + i
                        for j in 0..<4 {
                            let x = 2 * tx - 1 + j
                            sources[4 * i + j] = y >= 0 && y < h && x >= 0 && x < w ? image + (y * w + x) * c : UnsafePointer(zeros.pointer)
                        }
                    }
                    forEachLane(c, vector: { transformInputTile(Vector.self, out, plane, $0) },
                                scalar: { transformInputTile(Float.self, out, plane, $0) })
                    out += c
                }
            }
        }
    }

    @inline(__always)
    private func transformInputTile<L: WinogradLane>(_: L.Type, _ out: UnsafeMutablePointer<Float>, _ plane: Int, _ k: Int) {
        let s = UnsafePointer(sources)
        @inline(__always) func row(_ i: Int) -> Quad<L> {
            Quad(L.load(s[4 * i] + k), L.load(s[4 * i + 1] + k), L.load(s[4 * i + 2] + k), L.load(s[4 * i + 3] + k))
        }
        // Bᵀ d combines rows; (Bᵀ d) B then combines the entries of each row the same way.
        let t = Winograd.bTransposed(row(0), row(1), row(2), row(3))
        @inline(__always) func store(_ i: Int, _ r: Quad<L>) {
            let q = Winograd.bTransposed(r.x0, r.x1, r.x2, r.x3), base = out + 4 * i * plane + k
            q.0.store(base); q.1.store(base + plane); q.2.store(base + 2 * plane); q.3.store(base + 3 * plane)
        }
        store(0, t.0); store(1, t.1); store(2, t.2); store(3, t.3)
    }

    /// dX = Σ over tiles of B dV Bᵀ added into each tile's window, clipped to the image
    /// (overwrites `inputGradient` for these `images`): the adjoint of ``transformInput``.
    private func scatterInputGradient(_ dv: UnsafePointer<Float>, images: Int, into inputGradient: UnsafeMutablePointer<Float>) {
        let h = inputShape.height, w = inputShape.width, c = inputChannels
        let plane = Self.plane(tiles: images * tilesPerImage, channels: c)
        inputGradient.update(repeating: 0, count: images * inputShape.count)
        var tile = dv
        for n in 0..<images {
            let image = inputGradient + n * inputShape.count
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    for i in 0..<4 {
                        let y = 2 * ty - 1 + i
                        for j in 0..<4 {
                            let x = 2 * tx - 1 + j
                            targets[4 * i + j] = y >= 0 && y < h && x >= 0 && x < w ? image + (y * w + x) * c : sink.pointer
                        }
                    }
                    forEachLane(c, vector: { scatterInputGradientTile(Vector.self, tile, plane, $0) },
                                scalar: { scatterInputGradientTile(Float.self, tile, plane, $0) })
                    tile += c
                }
            }
        }
    }

    @inline(__always)
    private func scatterInputGradientTile<L: WinogradLane>(_: L.Type, _ dv: UnsafePointer<Float>, _ plane: Int, _ k: Int) {
        let t = UnsafePointer(targets)
        @inline(__always) func row(_ i: Int) -> Quad<L> {
            let base = dv + 4 * i * plane + k
            return Quad(L.load(base), L.load(base + plane), L.load(base + 2 * plane), L.load(base + 3 * plane))
        }
        let rows = Winograd.b(row(0), row(1), row(2), row(3))
        // One position at a time (load, add, store): out-of-image positions share the sink.
        @inline(__always) func add(_ position: Int, _ value: L) {
            let target = t[position] + k
            (L.load(target) + value).store(target)
        }
        @inline(__always) func addRow(_ i: Int, _ r: Quad<L>) {
            let q = Winograd.b(r.x0, r.x1, r.x2, r.x3)
            add(4 * i, q.0); add(4 * i + 1, q.1); add(4 * i + 2, q.2); add(4 * i + 3, q.3)
        }
        addRow(0, rows.0); addRow(1, rows.1); addRow(2, rows.2); addRow(3, rows.3)
    }

    // MARK: Output

    /// Y = Aᵀ M A + bias per tile, written to the tile's in-image pixels only.
    private func transformOutput(_ m: UnsafePointer<Float>, bias: UnsafePointer<Float>, images: Int, into output: UnsafeMutablePointer<Float>) {
        let h = inputShape.height, w = inputShape.width, c = outputChannels
        let plane = Self.plane(tiles: images * tilesPerImage, channels: c)
        var tile = m
        for n in 0..<images {
            let image = output + n * h * w * c
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    for i in 0..<2 {
                        let y = 2 * ty + i
                        for j in 0..<2 {
                            let x = 2 * tx + j
                            targets[2 * i + j] = y < h && x < w ? image + (y * w + x) * c : sink.pointer
                        }
                    }
                    forEachLane(c, vector: { transformOutputTile(Vector.self, tile, bias, plane, $0) },
                                scalar: { transformOutputTile(Float.self, tile, bias, plane, $0) })
                    tile += c
                }
            }
        }
    }

    @inline(__always)
    private func transformOutputTile<L: WinogradLane>(_: L.Type, _ m: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ plane: Int, _ k: Int) {
        let t = UnsafePointer(targets)
        @inline(__always) func row(_ i: Int) -> Quad<L> {
            let base = m + 4 * i * plane + k
            return Quad(L.load(base), L.load(base + plane), L.load(base + 2 * plane), L.load(base + 3 * plane))
        }
        let b = L.load(bias + k)
        let rows = Winograd.aTransposed(row(0), row(1), row(2), row(3))
        let top = Winograd.aTransposed(rows.0.x0, rows.0.x1, rows.0.x2, rows.0.x3)
        let bottom = Winograd.aTransposed(rows.1.x0, rows.1.x1, rows.1.x2, rows.1.x3)
        (top.0 + b).store(t[0] + k); (top.1 + b).store(t[1] + k)
        (bottom.0 + b).store(t[2] + k); (bottom.1 + b).store(t[3] + k)
    }

    /// dM[ξ][tile][c_out] = (A dY Aᵀ)_ξ of each tile's 2×2 block of dY (zero outside the image):
    /// the adjoint of ``transformOutput``.
    private func transformOutputGradient(_ dy: UnsafePointer<Float>, images: Int, into dm: UnsafeMutablePointer<Float>) {
        let h = inputShape.height, w = inputShape.width, c = outputChannels
        let plane = Self.plane(tiles: images * tilesPerImage, channels: c)
        var out = dm
        for n in 0..<images {
            let image = dy + n * h * w * c
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    for i in 0..<2 {
                        let y = 2 * ty + i
                        for j in 0..<2 {
                            let x = 2 * tx + j
                            sources[2 * i + j] = y < h && x < w ? image + (y * w + x) * c : UnsafePointer(zeros.pointer)
                        }
                    }
                    forEachLane(c, vector: { transformOutputGradientTile(Vector.self, out, plane, $0) },
                                scalar: { transformOutputGradientTile(Float.self, out, plane, $0) })
                    out += c
                }
            }
        }
    }

    @inline(__always)
    private func transformOutputGradientTile<L: WinogradLane>(_: L.Type, _ out: UnsafeMutablePointer<Float>, _ plane: Int, _ k: Int) {
        let s = UnsafePointer(sources)
        let rows = Winograd.a(Pair(L.load(s[0] + k), L.load(s[1] + k)), Pair(L.load(s[2] + k), L.load(s[3] + k)))
        @inline(__always) func store(_ i: Int, _ r: Pair<L>) {
            let q = Winograd.a(r.x0, r.x1), base = out + 4 * i * plane + k
            q.0.store(base); q.1.store(base + plane); q.2.store(base + 2 * plane); q.3.store(base + 3 * plane)
        }
        store(0, rows.0); store(1, rows.1); store(2, rows.2); store(3, rows.3)
    }
}
