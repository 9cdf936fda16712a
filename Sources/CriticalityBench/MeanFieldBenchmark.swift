import Foundation
import MeanField

/// ξ_c of tanh on the 200 × 200 (σ_w², σ_b²) grid of the phase diagram (σ_w² ∈ [1, 4],
/// σ_b² ∈ [0, 0.25]) by ``CorrelationDepthGrid`` on one core, next to a plain NumPy peer
/// (bench/peers/meanfield_grid.py: vectorised fixed-point iteration with an 80-node
/// Gauss–Hermite rule) run in the same run on a 20 × 20 sub-grid (every 10th point), its time
/// extrapolated per point, and the two answers compared on that sub-grid.
struct MeanFieldGridBenchmark {
    let size = 200
    let stride = 10

    func run() throws -> String {
        var timings: [Double] = [], cpuTimings: [Double] = []
        var grid: CorrelationDepthGrid?
        for _ in 0..<3 {
            let cpu = Self.threadCPUSeconds()
            let (g, s) = try TanhGrid.compute(size: size)
            cpuTimings.append(Self.threadCPUSeconds() - cpu)
            timings.append(s)
            grid = g
        }
        guard let grid else { throw CommandTimer.Failed(description: "no grid") }
        let swift = median(timings), swiftCPU = median(cpuTimings)
        let points = Double(size * size)
        var table = Table(title: "meanfield: xi_c of tanh on a \(size)x\(size) (sigma_w^2, sigma_b^2) grid, one core",
                          header: ["implementation", "points", "seconds", "us/point", "200x200 (s)"])
        table.add(["criticality CorrelationDepthGrid, median of 3 (wall)", "\(size * size)", seconds(swift),
                   String(format: "%.1f", swift / points * 1e6), String(format: "%.3f", swift)])
        table.add(["  same, thread CPU time", "", seconds(swiftCPU), String(format: "%.1f", swiftCPU / points * 1e6),
                   String(format: "%.3f", swiftCPU)])
        var footnotes: [String] = []
        switch try peer(grid: grid) {
        case .ran(let peerSeconds, let subPoints, let comparison):
            let perPoint = peerSeconds / Double(subPoints)
            table.add(["NumPy peer, 80-node Gauss-Hermite iteration (sub-grid)", "\(subPoints)", seconds(peerSeconds),
                       String(format: "%.1f", perPoint * 1e6), String(format: "%.1f (extrapolated)", perPoint * points)])
            table.add(["speed-up per point", "", "", String(format: "%.0fx", perPoint / (swift / points)), ""])
            footnotes.append(comparison)
        case .skipped(let why):
            footnotes.append("NumPy peer skipped: \(why)")
        }
        table.add(["target", "", "", "", "< 1.000"])
        return ([table.text] + footnotes).joined(separator: "\n")
    }

    /// CPU time of the calling thread: on a shared machine it counts only this thread's work.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    enum PeerResult { case ran(seconds: Double, points: Int, comparison: String), skipped(String) }

    /// Runs the NumPy peer on every `stride`-th point and compares ξ_c with `grid` there.
    func peer(grid: CorrelationDepthGrid) throws -> PeerResult {
        guard let python = PythonPeer.interpreter else { return .skipped("no python3 on PATH and CRITICALITY_PYTHON unset") }
        guard let script = PythonPeer.script("meanfield_grid.py") else { return .skipped("bench/peers/meanfield_grid.py not found") }
        if let reason = PythonPeer.numpySkipReason { return .skipped(reason) }
        let wIndex = Array(Swift.stride(from: 0, to: size, by: stride)), bIndex = wIndex
        let input: [String: [Double]] = ["sw2": wIndex.map { grid.weightVariances[$0] }, "sb2": bIndex.map { grid.biasVariances[$0] }]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-meanfield-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gridFile = folder.appendingPathComponent("grid.json")
        try JSONSerialization.data(withJSONObject: input).write(to: gridFile)
        // One core for the peer too (NumPy's elementwise work is single-threaded; pin BLAS).
        let run = try PythonPeer.run(python, [script.path, gridFile.path],
                                     environment: ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"])
        guard run.status == 0 else { return .skipped("peer failed (exit \(run.status)): \(run.stderr.suffix(300))") }
        guard let result = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any],
              let peerSeconds = (result["seconds"] as? NSNumber)?.doubleValue,
              let xi = result["xi_c"] as? [[Any]], let converged = result["converged"] as? [[Bool]] else {
            return .skipped("peer printed no result")
        }
        var maxAll = 0.0, maxConverged = 0.0, unconverged = 0, compared = 0
        var convergedDiffs: [Double] = []
        var worst = ""
        for (i, ib) in bIndex.enumerated() {
            for (j, iw) in wIndex.enumerated() {
                let ours = grid.xiC(weight: iw, bias: ib)
                let theirs = (xi[i][j] as? NSNumber)?.doubleValue ?? .infinity
                let diff = ours.isFinite && theirs.isFinite ? abs(ours - theirs) / abs(ours) : (ours == theirs ? 0 : .infinity)
                compared += 1
                if diff > maxAll { maxAll = diff }
                if converged[i][j] {
                    convergedDiffs.append(diff)
                    if diff > maxConverged {
                        maxConverged = diff
                        worst = String(format: "sigma_w^2 = %.4f, sigma_b^2 = %.4f", grid.weightVariances[iw], grid.biasVariances[ib])
                    }
                } else { unconverged += 1 }
            }
        }
        let comparison = "xi_c on the \(compared)-point sub-grid: max relative difference "
            + String(format: "%.2e", maxConverged) + " (median " + String(format: "%.1e", convergedDiffs.isEmpty ? 0 : median(convergedDiffs))
            + ") where the peer converged (worst at \(worst)); "
            + "\(unconverged) point(s) where the peer's iteration hit its 5000-step cap (max "
            + String(format: "%.2e", maxAll) + " including them)"
        return .ran(seconds: peerSeconds, points: compared, comparison: comparison)
    }
}
