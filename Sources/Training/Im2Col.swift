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
