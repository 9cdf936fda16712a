import BLASThreads
import Dispatch

/// Data parallelism for training and evaluation: a batch is cut into contiguous slices, one per
/// worker thread, and each slice runs forward, loss and backward through its own replica of the
/// network (own activations, workspace and gradient vector; the parameters are shared and only
/// read during a pass). The replicas' gradients are then added into the primary's, in worker
/// order, so a step is deterministic for a given worker count.
///
/// Why not leave the parallelism to OpenBLAS: the GEMMs of these networks are small (a width-300
/// layer at batch 256 is 23 MFLOP, a CNN layer's 16 Winograd products 1 MFLOP each), and
/// OpenBLAS's threads meet at the end of every call. Measured on the 2-core machine, two
/// single-threaded sgemm streams of the MLP's shapes ran at 2 × 97–100 GFLOP/s while one
/// two-threaded stream ran at 104–165. Slicing the batch also runs the activations, im2col and
/// loss on every core instead of one, and needs one meeting per step. OpenBLAS is held at one
/// thread during every pass (``SingleThreadedBLAS``), also with one worker, so results depend on
/// the worker count only, not on `OPENBLAS_NUM_THREADS` or on what else the process runs.
final class ReplicatedNetwork: @unchecked Sendable {
    /// Replica 0 is the trainer's network; its gradient vector receives the sum.
    let replicas: [Network]
    /// Per-worker results of the last pass (distinct slots, so no locking).
    private let losses: UnsafeMutableBufferPointer<Double>
    private let corrects: UnsafeMutableBufferPointer<Int>
    /// Replicas (from 0) whose gradient vectors hold the last backward pass's slices.
    private var replicasWithGradients = 1
    /// The gradient vectors of replicas 1, 2, …, for the workers of ``update(with:)``.
    private let replicaGradients: [SendablePointer]

    /// `primary` plus `workers − 1` replicas built by `replica(maxBatch, parameters)`, each
    /// holding one slice of a batch of up to `primary.maxBatch`.
    init(primary: Network, workers: Int, replica: (_ maxBatch: Int, _ parameters: FloatBuffer) -> Network) {
        let count = max(1, min(workers, primary.maxBatch))
        let slice = (primary.maxBatch + count - 1) / count
        replicas = [primary] + (1..<count).map { _ in replica(slice, primary.parameters) }
        replicaGradients = replicas.dropFirst().map { SendablePointer($0.gradients.pointer) }
        losses = .allocate(capacity: count)
        losses.initialize(repeating: 0)
        corrects = .allocate(capacity: count)
        corrects.initialize(repeating: 0)
    }

    deinit {
        losses.deallocate()
        corrects.deallocate()
    }

    /// Number of worker threads (replicas).
    var workers: Int { replicas.count }

    /// The slice of `rows` rows that worker `worker` takes: contiguous, sizes differing by at most one.
    func slice(_ worker: Int, of rows: Int) -> Range<Int> { Self.part(worker, of: rows, parts: workers) }

    /// Part `index` of `count` items cut into `parts` contiguous runs whose sizes differ by at most one.
    private static func part(_ index: Int, of count: Int, parts: Int) -> Range<Int> {
        let base = count / parts, extra = count % parts
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }

    /// Runs forward and the softmax cross-entropy on `batch` examples, and, when `lossGradient`
    /// is given, back-propagates ∂(mean loss)/∂logits, each replica's slice into its own
    /// ``Network/gradients`` (``update(with:)`` adds them up). Returns the summed loss and the
    /// number correct.
    func pass(input: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int,
              lossGradient: UnsafeMutablePointer<Float>?) -> (lossSum: Double, correct: Int) {
        let buffers = PassBuffers(input: input, labels: labels, lossGradient: lossGradient)
        let active = min(workers, batch)
        let run: @Sendable (Int) -> Void = { worker in self.runSlice(worker, of: batch, buffers: buffers) }
        SingleThreadedBLAS.run {
            if active == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: active, execute: run) }
        }
        if lossGradient != nil { replicasWithGradients = active }
        var lossSum = 0.0, correct = 0
        for worker in 0..<active {
            lossSum += losses[worker]
            correct += corrects[worker]
        }
        return (lossSum, correct)
    }

    private func runSlice(_ worker: Int, of batch: Int, buffers: PassBuffers) {
        let rows = slice(worker, of: batch)
        let network = replicas[worker]
        let classes = network.classes
        let input = buffers.input + rows.lowerBound * network.inputShape.count
        let logits = network.forward(input: input, batch: rows.count)
        let gradient = buffers.lossGradient.map { $0 + rows.lowerBound * classes }
        let result = SoftmaxCrossEntropy.sum(logits: logits, labels: buffers.labels + rows.lowerBound, rows: rows.count,
                                             classes: classes, gradient: gradient, batch: batch)
        losses[worker] = result.loss
        corrects[worker] = result.correct
        if let gradient { network.backward(input: input, lossGradient: gradient, batch: rows.count) }
    }

    /// Adds the gradients of the last backward pass's replicas into the primary's (in worker
    /// order for every element) and applies `optimizer`'s step to the shared parameters. The
    /// parameter vector is split between the workers and walked in blocks, so each block of
    /// summed gradient is used by the update while still in cache (a depth-100 MLP has 9 M
    /// parameters, 36 MB per vector).
    func update(with optimizer: Optimizer) {
        let primary = replicas[0], total = primary.parameterCount
        let active = replicasWithGradients
        guard active > 1 else {
            optimizer.update(primary.parameters.pointer, gradients: primary.gradients.pointer, count: total)
            return
        }
        optimizer.beginStep()
        let sum = SendablePointer(primary.gradients.pointer), parameters = SendablePointer(primary.parameters.pointer)
        let parts = replicaGradients.prefix(active - 1)
        let rule = SharedOptimizer(optimizer: optimizer)
        DispatchQueue.concurrentPerform(iterations: active) { worker in
            let range = Self.part(worker, of: total, parts: active)
            var block = range.lowerBound
            while block < range.upperBound {
                let end = min(block + Self.updateBlock, range.upperBound)
                for part in parts {
                    for i in block..<end { sum.pointer[i] += part.pointer[i] }
                }
                rule.optimizer.apply(parameters.pointer, gradients: sum.pointer, range: block..<end)
                block = end
            }
        }
    }

    /// Floats per block of ``update(with:)``: 16 KiB per vector, well inside L1 + L2.
    private static let updateBlock = 4096
}

/// An optimiser whose ``Optimizer/apply(_:gradients:range:)`` workers call on disjoint ranges
/// (its state is per element, so they touch disjoint memory).
private struct SharedOptimizer: @unchecked Sendable {
    let optimizer: Optimizer
}

/// The caller's buffers for one ``ReplicatedNetwork/pass(input:labels:batch:lossGradient:)``;
/// each worker reads and writes only its own rows of them.
private struct PassBuffers: @unchecked Sendable {
    let input: UnsafePointer<Float>
    let labels: UnsafePointer<Int32>
    let lossGradient: UnsafeMutablePointer<Float>?
}

/// A pointer handed to worker threads that write disjoint ranges of it.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
