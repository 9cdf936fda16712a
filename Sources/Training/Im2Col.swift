/// The lowering of a 3×3 convolution with padding 1 to a matrix product (im2col) and its adjoint
/// (col2im), NHWC. Row r = (n, oy, ox) of the column matrix holds the 3×3×C_in patch read by that
/// output pixel, ordered (ky, kx, c_in) to match the `[9·C_in × C_out]` kernel matrix; taps that
/// fall in the zero padding are zero. Each tap is a contiguous run of C_in floats in NHWC.
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
        var row = columns
        for n in 0..<batch {
            let image = input + n * h * w * c
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var tap = row
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        for kx in 0..<kernel {
                            let ix = ox * stride + kx - padding
                            if iy >= 0, iy < h, ix >= 0, ix < w {
                                tap.update(from: image + (iy * w + ix) * c, count: c)
                            } else {
                                tap.update(repeating: 0, count: c)
                            }
                            tap += c
                        }
                    }
                    row += kernel * kernel * c
                }
            }
        }
    }

    /// The adjoint of ``lower``: `input` = Σ over patches of `columns` (overwrites `input`).
    static func raise(_ columns: UnsafePointer<Float>, shape: FeatureShape, stride: Int, batch: Int,
                      into input: UnsafeMutablePointer<Float>) {
        let h = shape.height, w = shape.width, c = shape.channels
        let ho = outputExtent(h, stride: stride), wo = outputExtent(w, stride: stride)
        input.update(repeating: 0, count: batch * h * w * c)
        var row = columns
        for n in 0..<batch {
            let image = input + n * h * w * c
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var tap = row
                    for ky in 0..<kernel {
                        let iy = oy * stride + ky - padding
                        for kx in 0..<kernel {
                            let ix = ox * stride + kx - padding
                            if iy >= 0, iy < h, ix >= 0, ix < w {
                                let target = image + (iy * w + ix) * c
                                for k in 0..<c { target[k] += tap[k] }
                            }
                            tap += c
                        }
                    }
                    row += kernel * kernel * c
                }
            }
        }
    }
}
