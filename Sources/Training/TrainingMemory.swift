extension TrainingConfiguration {
    /// An upper estimate of the bytes a run of this configuration holds, for a preflight check
    /// before any data is loaded: Float32 parameters in the network, its optimiser state (≤ 2
    /// copies) and each of `threads` workers' gradients, plus the activations of a batch. It
    /// counts what grows with the sizes a user passes, generously, not to the byte. `pixels` and
    /// `channels` bound the data sets' images (CIFAR-10: 32 × 32 × 3).
    public func estimatedBytes(threads: Int, pixels: Double = 32 * 32, channels: Double = 3) -> Double {
        let width = Double(width), depth = Double(depth), batch = Double(batchSize)
        let parameters: Double, activations: Double
        switch architecture {
        case .mlp:
            parameters = pixels * channels * width + (depth - 1) * width * width + width * 10
            // Pre-activations, activations and their gradients, per layer.
            activations = 4 * batch * width * depth
        case .cnn:
            parameters = 9 * width * (channels + width * (depth - 1)) + width * 10
            // The lift runs at full resolution, one stride-2 convolution at a quarter, the rest at
            // a sixteenth; four maps per layer, plus one layer's 3 × 3 patch matrix (im2col).
            activations = 4 * batch * width * pixels * (1 + 0.25 + (depth - 2) / 16) + 9 * batch * width * pixels
        }
        return 4 * (parameters * (4 + Double(threads)) + activations)
    }
}
