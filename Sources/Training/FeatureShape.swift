/// The per-example shape of a layer's input or output in NHWC order: height × width × channels,
/// channels fastest. A dense layer's features are `1 × 1 × n`. NHWC is chosen because then a
/// convolution's im2col row (one output pixel) gathers contiguous runs of `channels` floats and
/// the convolution output `[batch·H·W × C_out]` is exactly one row-major GEMM result.
public struct FeatureShape: Hashable, Sendable, CustomStringConvertible {
    /// Rows of the feature map (1 for vectors).
    public var height: Int
    /// Columns of the feature map (1 for vectors).
    public var width: Int
    /// Channels (the feature count for vectors).
    public var channels: Int

    /// A feature map shape.
    public init(height: Int, width: Int, channels: Int) {
        self.height = height; self.width = width; self.channels = channels
    }

    /// A vector of `features` values.
    public static func vector(_ features: Int) -> FeatureShape { FeatureShape(height: 1, width: 1, channels: features) }

    /// Floats per example.
    public var count: Int { height * width * channels }

    public var description: String { "\(height)×\(width)×\(channels)" }
}
