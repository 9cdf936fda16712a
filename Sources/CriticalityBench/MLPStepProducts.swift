import CBLAS
import Dispatch

/// The matrix products of one data-parallel MLP training step and nothing else: the same sgemm
/// calls, shapes, transposes, betas and buffer layout as the trainer's (one worker per core, each
/// on its contiguous slice of the batch with OpenBLAS at one thread, parameters shared, its own
/// activations and gradient vector), without the bias, activation, loss, gradient sum and update.
///
/// Its samples/s bound what any step built on these sgemm calls can reach on this machine, so
/// the table can say how far our step is from its own products, and what a "× NumPy" target
/// asks of them.
///
/// The buffers hold zeros: x86 FMA timing does not depend on the values (subnormals aside, and
/// zeros are not subnormal), and zeros cannot overflow however many steps run.
final class MLPStepProducts: @unchecked Sendable {
    private let sizes: [Int]
    /// Where each layer's weights start in the parameter (and gradient) vector.
    private let offsets: [Int]
    private let batch: Int
    private let workers: Int
    private let parameters: UnsafeMutablePointer<Float>
    private let input: UnsafeMutablePointer<Float>
    /// Per worker: each layer's output, two ping-pong gradient buffers, a gradient vector.
    private let outputs: [[UnsafeMutablePointer<Float>]]
    private let deltas: [(UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)]
    private let gradients: [UnsafeMutablePointer<Float>]
    private let allocations: [UnsafeMutablePointer<Float>]

    /// `inputs → depth × (width) → classes`, `batch` examples split over `workers` threads.
    init(inputs: Int, width: Int, depth: Int, classes: Int, batch: Int, workers: Int) {
        sizes = [inputs] + Array(repeating: width, count: depth) + [classes]
        self.batch = batch
        self.workers = max(1, min(workers, batch))
        let slice = (batch + self.workers - 1) / self.workers
        var owned: [UnsafeMutablePointer<Float>] = []
        func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            owned.append(pointer)
            return pointer
        }
        let sizes = sizes
        // Weights then bias per layer, as Network lays them out.
        var starts = zip(sizes, sizes.dropFirst()).reduce(into: [0]) { $0.append($0.last! + $1.0 * $1.1 + $1.1) }
        let parameterCount = starts.removeLast()
        offsets = starts
        parameters = zeros(parameterCount)
        input = zeros(batch * inputs)
        outputs = (0..<self.workers).map { _ in sizes.dropFirst().map { zeros(slice * $0) } }
        deltas = (0..<self.workers).map { _ in (zeros(slice * sizes.max()!), zeros(slice * sizes.max()!)) }
        gradients = (0..<self.workers).map { _ in zeros(parameterCount) }
        allocations = owned
    }

    deinit { allocations.forEach { $0.deallocate() } }

    /// Samples/s over `steps` steps after one warm-up step.
    func samplesPerSecond(steps: Int) -> Double {
        let saved = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(saved) }
        step()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps { step() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(steps * batch) / seconds
    }

    /// One step: every worker's forward and backward products, meeting at the end as the trainer's do.
    private func step() {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in self.products(worker) }
    }

    /// Worker `worker`'s products, in the order and form of `DenseLayer` forward and backward.
    private func products(_ worker: Int) {
        let base = batch / workers, extra = batch % workers
        let first = worker * base + min(worker, extra)
        let rows = Int32(base + (worker < extra ? 1 : 0))
        let x = input + first * sizes[0]
        func layerInput(_ layer: Int) -> UnsafeMutablePointer<Float> { layer == 0 ? x : outputs[worker][layer - 1] }
        for layer in 0..<(sizes.count - 1) {
            let k = Int32(sizes[layer]), n = Int32(sizes[layer + 1])
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1, layerInput(layer), k,
                        parameters + offsets[layer], n, 1, outputs[worker][layer], n)
        }
        var delta = deltas[worker].0, next = deltas[worker].1
        for layer in (0..<(sizes.count - 1)).reversed() {
            let k = Int32(sizes[layer]), n = Int32(sizes[layer + 1])
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, rows, 1, layerInput(layer), k, delta, n,
                        0, gradients[worker] + offsets[layer], n)
            // The first layer's input gradient is never formed, as in the trainer.
            if layer > 0 {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, k, n, 1, delta, n, parameters + offsets[layer], n, 0, next, k)
                swap(&delta, &next)
            }
        }
    }
}
