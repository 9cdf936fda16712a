import CTrainingKernels
import MeanField

/// The input scaling of 002 §4.1: pixel bytes 0…255 are mapped linearly onto an interval chosen
/// by the activation's range — [0.25, 0.75] for activations with values in [0, 1] (sigmoid) and
/// [−0.5, 0.5] for all others (those with range in [−1, 1], and, as the paper does, ReLU and the
/// other unbounded or wider ones). The rule itself lives in MeanField
/// (``MeanField/OutputRange/paperInputInterval``) so the theory and training agree.
public struct InputNormalization: Sendable, Equatable {
    /// Value of pixel byte 0.
    public let lower: Float
    /// Value of pixel byte 255.
    public let upper: Float

    /// The interval for `activation`.
    public init(for activation: Activation) {
        let interval = activation.outputRange.paperInputInterval
        lower = Float(interval.lowerBound)
        upper = Float(interval.upperBound)
    }

    /// Writes the scaled pixels of images `indices` of `set` into `destination`
    /// (`indices.count × set.shape.count` floats), example after example.
    func gather(_ set: ImageSet, indices: UnsafeBufferPointer<Int32>, into destination: UnsafeMutablePointer<Float>) {
        let size = set.shape.count
        let scale = (upper - lower) / 255
        let lower = lower
        set.pixels.withUnsafeBufferPointer { pixels in
            for (row, index) in indices.enumerated() {
                scale_bytes_f32(pixels.baseAddress! + Int(index) * size, destination + row * size, size, lower, scale)
            }
        }
    }
}
