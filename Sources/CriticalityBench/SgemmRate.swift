import CBLAS
import Dispatch
import Foundation

/// The machine's sgemm rate at the MLP step's three shapes (X·W: 256×300×300, Xᵀ·dY: 300×300×256,
/// dY·Wᵀ: 256×300×300), measured two ways in the same run: one stream of calls with OpenBLAS
/// threading each call over all cores, and one single-threaded stream per core running
/// concurrently (what the data-parallel trainer does). The ceiling a training step is held to is
/// the larger of the two, so a step cannot look efficient by beating a weak reference.
struct SgemmRate {
    /// GFLOP/s of one stream on OpenBLAS's threads.
    let threaded: Double
    /// Aggregate GFLOP/s of one single-threaded stream per core.
    let perCore: Double
    /// OpenBLAS threads of the threaded stream, and streams of the per-core measurement.
    let threads: Int

    /// The reference rate: the better of the two ways to run sgemm here.
    var ceiling: Double { max(threaded, perCore) }

    /// Measures both, the threaded stream with OpenBLAS's current thread count (restored after).
    static func measure(batch: Int = 256, width: Int = 300) -> SgemmRate {
        let threads = Int(openblas_get_num_threads())
        let threaded = bestRate(streams: 1, batch: batch, width: width)
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(Int32(threads)) }
        let perCore = bestRate(streams: threads, batch: batch, width: width)
        return SgemmRate(threaded: threaded, perCore: perCore, threads: threads)
    }

    /// Best aggregate GFLOP/s of `streams` concurrent streams over 5 timed runs of 100 mixes each.
    private static func bestRate(streams: Int, batch: Int, width: Int) -> Double {
        let flopsPerMix = 3 * 2 * Double(batch * width * width)
        let repeats = 100
        var best = 0.0
        let mixes = (0..<streams).map { _ in StepMix(batch: batch, width: width) }
        for run in 0..<6 {
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: streams) { stream in
                for _ in 0..<(run == 0 ? 20 : repeats) { mixes[stream].run() }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if run > 0 { best = max(best, Double(streams * repeats) * flopsPerMix / seconds / 1e9) }
        }
        return best
    }
}

/// The three GEMMs of a dense layer's training step, on private buffers (one stream's: used by
/// one thread at a time).
private final class StepMix: @unchecked Sendable {
    let m: Int, n: Int
    let a: [Float], w: [Float]
    var c: [Float]

    init(batch: Int, width: Int) {
        m = batch; n = width
        a = [Float](repeating: 0.01, count: m * n)
        w = [Float](repeating: 0.02, count: n * n)
        c = [Float](repeating: 0, count: max(m * n, n * n))
    }

    func run() {
        let m32 = Int32(m), n32 = Int32(n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m32, n32, n32, 1, a, n32, w, n32, 0, &c, n32)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n32, n32, m32, 1, a, n32, a, n32, 0, &c, n32)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m32, n32, n32, 1, a, n32, w, n32, 0, &c, n32)
    }
}
