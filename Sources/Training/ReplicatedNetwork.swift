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
/// thread while the workers run (``SingleThreadedBLAS``).
final class ReplicatedNetwork: @unchecked Sendable {
    /// Replica 0 is the trainer's network; its gradient vector receives the sum.
    let replicas: [Network]
    /// Per-worker results of the last pass (distinct slots, so no locking).
    private let losses: UnsafeMutableBufferPointer<Double>
    private let corrects: UnsafeMutableBufferPointer<Int>

    /// `primary` plus `workers − 1` replicas built by `replica(maxBatch, parameters)`, each
    /// holding one slice of a batch of up to `primary.maxBatch`.
    init(primary: Network, workers: Int, replica: (_ maxBatch: Int, _ parameters: FloatBuffer) -> Network) {
        let count = max(1, min(workers, primary.maxBatch))
        let slice = (primary.maxBatch + count - 1) / count
        replicas = [primary] + (1..<count).map { _ in replica(slice, primary.parameters) }
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
    func slice(_ worker: Int, of rows: Int) -> Range<Int> {
        let base = rows / workers, extra = rows % workers
        let start = worker * base + min(worker, extra)
        return start..<(start + base + (worker < extra ? 1 : 0))
    }

    /// Runs forward and the softmax cross-entropy on `batch` examples, and, when `lossGradient`
    /// is given, back-propagates ∂(mean loss)/∂logits so that the primary network's ``Network/gradients``
    /// hold the gradient of the whole batch. Returns the summed loss and the number correct.
    func pass(input: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int,
              lossGradient: UnsafeMutablePointer<Float>?) -> (lossSum: Double, correct: Int) {
        let buffers = PassBuffers(input: input, labels: labels, lossGradient: lossGradient)
        let active = min(workers, batch)
        let run: @Sendable (Int) -> Void = { worker in self.runSlice(worker, of: batch, buffers: buffers) }
        if active == 1 {
            run(0)
        } else {
            SingleThreadedBLAS.run { DispatchQueue.concurrentPerform(iterations: active, execute: run) }
        }
        if lossGradient != nil, active > 1 { addReplicaGradients(active) }
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

    /// primary.gradients += Σ replicas' gradients (in worker order for every element), the
    /// parameter vector split between the workers.
    private func addReplicaGradients(_ active: Int) {
        let total = replicas[0].gradients.count
        let sum = SendablePointer(replicas[0].gradients.pointer)
        let parts = replicas[1..<active].map { SendablePointer($0.gradients.pointer) }
        SingleThreadedBLAS.run {
            DispatchQueue.concurrentPerform(iterations: active) { worker in
                let base = total / active, extra = total % active
                let start = worker * base + min(worker, extra), end = start + base + (worker < extra ? 1 : 0)
                for part in parts {
                    let g = part.pointer
                    for i in start..<end { sum.pointer[i] += g[i] }
                }
            }
        }
    }

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
