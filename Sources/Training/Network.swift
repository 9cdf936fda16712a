import MeanField

/// A feed-forward network with every buffer it needs for batches up to `maxBatch` allocated
/// once: one output buffer per layer, two ping-pong gradient buffers, one im2col workspace and a
/// single flat parameter vector with its gradient (so optimisers update one contiguous array and
/// a determinism check compares one block of bytes).
public final class Network {
    /// The layers in order; the last one produces the logits.
    let layers: [Layer]
    /// The largest batch the buffers hold.
    public let maxBatch: Int
    /// Shape of one input example.
    public let inputShape: FeatureShape
    /// Number of classes (width of the logits).
    public let classes: Int
    /// All trainable parameters, layer after layer (weights then biases).
    public let parameters: FloatBuffer
    /// ∂loss/∂parameters from the last ``backward(input:lossGradient:batch:)``.
    public let gradients: FloatBuffer
    private let outputs: [FloatBuffer]
    private let gradientA: FloatBuffer
    private let gradientB: FloatBuffer
    private let workspace: FloatBuffer

    /// `sharing`: another network's parameter vector to read instead of owning one (a replica
    /// for data-parallel steps, see ``ReplicatedNetwork``); the gradient vector is always its own.
    init(layers: [Layer], maxBatch: Int, sharing shared: FloatBuffer? = nil) {
        self.layers = layers
        self.maxBatch = maxBatch
        inputShape = layers[0].inputShape
        classes = layers[layers.count - 1].outputShape.count
        let total = layers.reduce(0) { $0 + $1.parameterCount }
        precondition(shared == nil || shared!.count == total, "a replica must have the same architecture")
        parameters = shared ?? FloatBuffer(count: total)
        gradients = FloatBuffer(count: total)
        var offset = 0
        for layer in layers {
            layer.bind(parameters: parameters.pointer + offset, gradients: gradients.pointer + offset)
            offset += layer.parameterCount
        }
        outputs = layers.map { FloatBuffer(count: maxBatch * $0.outputShape.count) }
        let largest = layers.map { max($0.inputShape.count, $0.outputShape.count) }.max() ?? 1
        gradientA = FloatBuffer(count: maxBatch * largest)
        gradientB = FloatBuffer(count: maxBatch * largest)
        workspace = FloatBuffer(count: layers.map { $0.workspaceCount(batch: maxBatch) }.max() ?? 0)
    }

    /// Builds the network of 002 §4.1 for `architecture` (see ``Architecture``). `width` is the
    /// hidden width (MLP) or the channel count (CNN).
    /// `sharing`: see ``init(layers:maxBatch:sharing:)``.
    public convenience init(architecture: Architecture, activation: Activation, depth: Int, width: Int,
                            input: FeatureShape, classes: Int, maxBatch: Int, sharing shared: FloatBuffer? = nil) {
        var layers: [Layer] = []
        switch architecture {
        case .mlp:
            var shape = input
            for _ in 0..<depth {
                let dense = DenseLayer(inputs: shape, outputs: width, maxBatch: maxBatch)
                layers.append(dense)
                layers.append(ActivationLayer(activation, shape: dense.outputShape))
                shape = dense.outputShape
            }
            layers.append(DenseLayer(inputs: shape, outputs: classes, maxBatch: maxBatch))
        case .cnn:
            var shape = input
            let strides = [1, 2, 2] + Array(repeating: 1, count: max(depth - 3, 0))
            for stride in strides {
                let conv = Conv2DLayer(input: shape, outputChannels: width, stride: stride, maxBatch: maxBatch)
                layers.append(conv)
                layers.append(ActivationLayer(activation, shape: conv.outputShape))
                shape = conv.outputShape
            }
            let pool = GlobalAveragePoolLayer(input: shape)
            layers.append(pool)
            layers.append(DenseLayer(inputs: pool.outputShape, outputs: classes, maxBatch: maxBatch))
        }
        self.init(layers: layers, maxBatch: maxBatch, sharing: shared)
    }

    /// Number of trainable floats.
    public var parameterCount: Int { parameters.count }

    /// Draws all parameters, layer by layer in order, from `generator`.
    public func initialize(_ scheme: WeightInitialization, sw2: Double, sb2: Double, generator: inout SeededGenerator) throws {
        for layer in layers {
            try layer.initialize(scheme, sw2: sw2, sb2: sb2, generator: &generator)
        }
    }

    /// Runs `batch` examples (≤ maxBatch) through the network; returns the logits
    /// (`[batch × classes]`), valid until the next forward call.
    @discardableResult
    public func forward(input: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        precondition(batch <= maxBatch)
        var current = input
        for (layer, output) in zip(layers, outputs) {
            layer.forward(input: current, output: output.pointer, batch: batch, workspace: workspace.pointer)
            current = UnsafePointer(output.pointer)
        }
        return current
    }

    /// Back-propagates ∂loss/∂logits through the activations of the last forward pass and writes
    /// ``gradients``. The input gradient of the first layer is never formed.
    public func backward(input: UnsafePointer<Float>, lossGradient: UnsafePointer<Float>, batch: Int) {
        var outputGradient = lossGradient
        var useA = true
        for index in layers.indices.reversed() {
            let layer = layers[index]
            let layerInput = index == 0 ? input : UnsafePointer(outputs[index - 1].pointer)
            let inputGradient: UnsafeMutablePointer<Float>? = index == 0 ? nil : (useA ? gradientA.pointer : gradientB.pointer)
            layer.backward(input: layerInput, output: outputs[index].pointer, outputGradient: outputGradient,
                           inputGradient: inputGradient, batch: batch, workspace: workspace.pointer)
            if let inputGradient { outputGradient = UnsafePointer(inputGradient) }
            useA.toggle()
        }
    }

    /// Multiply-adds of the matrix products (sgemm/sgemv) of one forward pass, per example:
    /// dense in·out, convolution Ho·Wo·9·C_in·C_out. A training step costs about three times this
    /// (forward, weight gradient, input gradient), i.e. ≈ 6 × this many FLOPs per example.
    public var multiplyAddsPerExample: Int {
        layers.reduce(0) { total, layer in
            switch layer {
            case let dense as DenseLayer: return total + dense.inputs * dense.outputs
            case let conv as Conv2DLayer:
                return total + conv.outputShape.height * conv.outputShape.width * 9 * conv.inputShape.channels * conv.outputShape.channels
            default: return total
            }
        }
    }
}
