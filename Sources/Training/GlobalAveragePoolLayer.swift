/// Global average pooling: the mean over all H·W positions of each channel, `H×W×C → 1×1×C`,
/// the CNN's bridge from feature maps to the linear readout (002 §4.1, after Xiao et al. 2018).
final class GlobalAveragePoolLayer: Layer {
    let inputShape: FeatureShape
    let outputShape: FeatureShape

    init(input: FeatureShape) {
        inputShape = input
        outputShape = .vector(input.channels)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        let positions = inputShape.height * inputShape.width, channels = inputShape.channels
        let scale = 1 / Float(positions)
        for n in 0..<batch {
            let out = output + n * channels
            out.update(repeating: 0, count: channels)
            var pixel = input + n * positions * channels
            for _ in 0..<positions {
                for c in 0..<channels { out[c] += pixel[c] }
                pixel += channels
            }
            for c in 0..<channels { out[c] *= scale }
        }
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        guard let inputGradient else { return }
        let positions = inputShape.height * inputShape.width, channels = inputShape.channels
        let scale = 1 / Float(positions)
        for n in 0..<batch {
            let grad = outputGradient + n * channels
            var pixel = inputGradient + n * positions * channels
            for _ in 0..<positions {
                for c in 0..<channels { pixel[c] = grad[c] * scale }
                pixel += channels
            }
        }
    }
}
