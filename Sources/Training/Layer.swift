/// One stage of a network operating on a batch stored row-major, example after example, each
/// example laid out as its ``FeatureShape`` (NHWC). Layers own no activations: the network
/// keeps one buffer per layer output and passes pointers, so nothing is allocated per step.
///
/// Parameter layers read their weights from, and write their gradients to, slices of the
/// network's single flat parameter and gradient vectors (bound once by ``bind(parameters:gradients:)``);
/// the optimisers then update one contiguous vector.
protocol Layer: AnyObject {
    /// Shape of one input example.
    var inputShape: FeatureShape { get }
    /// Shape of one output example.
    var outputShape: FeatureShape { get }
    /// Number of trainable floats (0 for activations and pooling).
    var parameterCount: Int { get }
    /// Floats of scratch space (im2col) needed for a batch of `batch` examples.
    func workspaceCount(batch: Int) -> Int
    /// Points the layer at its slices of the flat parameter and gradient vectors.
    func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>)
    /// Draws the layer's initial parameters.
    func initialize(_ scheme: WeightInitialization, sw2: Double, sb2: Double, generator: inout SeededGenerator) throws
    /// output = layer(input) for `batch` examples.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, workspace: UnsafeMutablePointer<Float>)
    /// Writes the parameter gradients (overwriting, not accumulating) and, when `inputGradient`
    /// is non-nil, the gradient with respect to the input. `output` is the forward result.
    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, workspace: UnsafeMutablePointer<Float>)
}

extension Layer {
    var parameterCount: Int { 0 }
    func workspaceCount(batch: Int) -> Int { 0 }
    func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {}
    func initialize(_ scheme: WeightInitialization, sw2: Double, sb2: Double, generator: inout SeededGenerator) throws {}
}
