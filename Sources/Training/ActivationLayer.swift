import MeanField

/// The pointwise nonlinearity φ applied after each hidden layer.
final class ActivationLayer: Layer {
    let inputShape: FeatureShape
    var outputShape: FeatureShape { inputShape }
    let activation: Activation

    init(_ activation: Activation, shape: FeatureShape) {
        self.activation = activation
        inputShape = shape
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        activation.apply(input, output, count: batch * inputShape.count)
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>) {
        guard let inputGradient else { return }
        activation.backward(input, output, outputGradient, inputGradient, count: batch * inputShape.count)
    }
}
