/// The lowering of a 3×3 convolution with padding 1 to a matrix product (im2col) and its adjoint
/// (col2im), NHWC. Row r = (n, oy, ox) of the column matrix holds the 3×3×C_in patch read by that
/// output pixel, ordered (ky, kx, c_in) to match the `[9·C_in × C_out]` kernel matrix; taps that
/// fall in the zero padding are zero.
///
/// In NHWC the three taps kx = 0, 1, 2 of one kernel row are three adjacent pixels at any
/// stride, so a kernel row of a patch is one contiguous run of 3·C_in floats in the input and in
/// the column row alike. Both directions therefore move whole runs (clipped at the left and right
/// edges) instead of single taps: at C_in = 1 a per-tap copy moved 4 bytes per call and
/// dominated the first layer.
enum Im2Col {
    /// The kernel size (3×3) and padding (1): 'same' at stride 1, ⌈H/2⌉ at stride 2.
    static let kernel = 3
    static let padding = 1

    /// Output extent along one axis.
    static func outputExtent(_ input: Int, stride: Int) -> Int { (input + 2 * padding - kernel) / stride + 1 }

    /// Fills `columns` (`[batch·Ho·Wo × 9·C]`) from `input` (`[batch × H × W × C]`).
    static func lower(_ input: UnsafePointer<Float>, shape: FeatureShape, stride: Int, batch: Int,
                      into columns: UnsafeMutablePointer<Float>) {
        if shape.channels == 1 {
            lowerSingleChannel(input, shape: shape, stride: stride, batch: batch, into: columns)
            return
        }
        let h = shape.height, w = shape.width, c = shape.channels
        let ho = outputExtent(h, stride: stride), wo = outputExtent(w, stride: stride)
        let run = kernel * c
        var row = columns
        for n in 0..<batch {
            let image = input + n * h * w * c
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (left, first, last) = clip(ox: ox, stride: stride, width: w)
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        let target = row + ky * run
                        guard iy >= 0, iy < h, first < last else {
                            RunKernels.zero(target, count: run)
                            continue
                        }
                        RunKernels.zero(target, count: first * c)
                        RunKernels.copy(image + (iy * w + left + first) * c, to: target + first * c, count: (last - first) * c)
                        RunKernels.zero(target + last * c, count: (kernel - last) * c)
                    }
                    row += kernel * run
                }
            }
        }
    }

    /// ``lower`` for one channel (grey images, the first layer): a patch row is 9 floats, so the
    /// run bookkeeping would cost more than the copies; each tap is written directly, and only
    /// the first and last output columns test the left and right padding.
    private static func lowerSingleChannel(_ input: UnsafePointer<Float>, shape: FeatureShape, stride: Int, batch: Int,
                                           into columns: UnsafeMutablePointer<Float>) {
        let h = shape.height, w = shape.width
        let ho = outputExtent(h, stride: stride), wo = outputExtent(w, stride: stride)
        var row = columns
        for n in 0..<batch {
            let image = input + n * h * w
            for oy in 0..<ho {
                for ky in 0..<kernel {
                    let iy = oy * stride + ky - padding
                    var target = row + ky * kernel
                    guard iy >= 0, iy < h else {
                        for _ in 0..<wo {
                            target[0] = 0; target[1] = 0; target[2] = 0
                            target += kernel * kernel
                        }
                        continue
                    }
                    let line = image + iy * w
                    for ox in 0..<wo {
                        let left = ox * stride - padding
                        target[0] = left >= 0 ? line[left] : 0
                        target[1] = line[left + 1]
                        target[2] = left + 2 < w ? line[left + 2] : 0
                        target += kernel * kernel
                    }
                }
                row += wo * kernel * kernel
            }
        }
    }

    /// The adjoint of ``lower``: `input` = Σ over patches of `columns` (overwrites `input`).
    static func raise(_ columns: UnsafePointer<Float>, shape: FeatureShape, stride: Int, batch: Int,
                      into input: UnsafeMutablePointer<Float>) {
        let h = shape.height, w = shape.width, c = shape.channels
        let ho = outputExtent(h, stride: stride), wo = outputExtent(w, stride: stride)
        let run = kernel * c
        input.update(repeating: 0, count: batch * h * w * c)
        var row = columns
        for n in 0..<batch {
            let image = input + n * h * w * c
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (left, first, last) = clip(ox: ox, stride: stride, width: w)
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        guard iy >= 0, iy < h, first < last else { continue }
                        RunKernels.add(row + ky * run + first * c, to: image + (iy * w + left + first) * c, count: (last - first) * c)
                    }
                    row += kernel * run
                }
            }
        }
    }

    /// For output column `ox`: the input column of tap kx = 0 (`left`, possibly −1) and the taps
    /// `first..<last` that lie inside the image; the others read the zero padding.
    @inline(__always)
    private static func clip(ox: Int, stride: Int, width: Int) -> (left: Int, first: Int, last: Int) {
        let left = ox * stride - padding
        return (left, max(0, -left), min(kernel, width - left))
    }
}
