import CBLAS
import Foundation
import Simulation

/// Random-network simulation: the Philox4x32-10 Gaussian generator's throughput, and seconds per
/// ensemble of the linear stochastic lattice network (003 Appendix 8.3: M = 50, N = 200, L = 1024,
/// σ_w² = 0.5, σ_b² = 0.01) for both samplers, next to a plain NumPy peer (bench/peers/lattice_numpy.py,
/// run with $CRITICALITY_PYTHON or python3) that draws every weight matrix.
struct SimulationBenchmark {
    let networks = 50, width = 200, depth = 1024
    let sw2 = 0.5, sb2 = 0.01
    /// The NumPy peer is slow (≈ 2 s per network here); it times this many networks and the table
    /// scales its time to M = 50 (the cost is the same for every network).
    let peerNetworks = 5

    func run() throws -> String {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        var table = Table(title: "simulation: linear lattice ensemble M = \(networks), N = \(width), L = \(depth), sw2 = \(sw2), sb2 = \(sb2); Float64 unless marked; \(threads) threads; OpenBLAS kernel \(openblas_get_corename().map { String(cString: $0) } ?? "unknown"); Gaussian kernel \(GaussianStream.instructionSet)",
                          header: ["measurement", "seconds", "rate", "vs NumPy"])

        // Gaussian throughput: one stream, one thread, and all threads on independent streams.
        let count = 1 << 24
        var buffer = [Double](repeating: 0, count: count)
        let single = median((0..<3).map { _ in
            timed { var g = GaussianStream(seed: 1, stream: 0); g.fill(&buffer) }
        })
        table.add(["Gaussians, 1 thread (2^24)", seconds(single), String(format: "%.1f M/s", Double(count) / single / 1e6), ""])
        // Thread CPU time: what the generator costs when the shared machine is busy.
        let cpu = median((0..<3).map { _ in
            let start = threadCPUSeconds()
            var g = GaussianStream(seed: 1, stream: 0)
            g.fill(&buffer)
            return threadCPUSeconds() - start
        })
        table.add(["Gaussians, 1 thread, CPU time (2^24)", seconds(cpu), String(format: "%.1f M/s", Double(count) / cpu / 1e6), ""])
        let parallel = median((0..<3).map { _ in
            buffer.withUnsafeMutableBufferPointer { all in
                let base = all.baseAddress!, share = count / threads
                nonisolated(unsafe) let shared = base
                return timed {
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        var g = GaussianStream(seed: 1, stream: UInt64(t))
                        g.fill(UnsafeMutableBufferPointer(start: shared + t * share, count: share))
                    }
                }
            }
        })
        table.add(["Gaussians, \(threads) threads (2^24)", seconds(parallel), String(format: "%.1f M/s", Double(count) / parallel / 1e6), ""])

        // CRITICALITY_BENCH_QUICK=1: the generator and the exact sampler only (no dense run, no peer).
        let quick = ProcessInfo.processInfo.environment["CRITICALITY_BENCH_QUICK"] == "1"
        var buffer32 = [Float](repeating: 0, count: count)
        let single32 = median((0..<3).map { _ in
            timed { var g = GaussianStream(seed: 1, stream: 0); g.fill(&buffer32) }
        })
        table.add(["Gaussians Float32, 1 thread (2^24)", seconds(single32), String(format: "%.1f M/s", Double(count) / single32 / 1e6), ""])

        var results: [(String, Double, Double)] = []
        let variants: [(String, Sampler, Bool)] = quick ? [("exact", .exact, false)]
            : [("exact", .exact, false), ("dense", .dense, false), ("dense Float32 weights", .dense, true)]
        for (name, sampler, single) in variants {
            let net = LatticeNetwork(model: .linear, weightVariance: sw2, biasVariance: sb2, width: width, depth: depth,
                                     networks: networks, seed: 1, sampler: sampler, singlePrecisionWeights: single)
            var norm = 0.0
            let repeats = sampler == .exact ? 3 : 1
            let t = median(try (0..<repeats).map { _ in try timed { norm = try net.run(threads: threads).norm.mean } })
            results.append((name, t, norm))
        }

        let peer = quick ? nil : try numpyPeer()
        for (name, t, norm) in results {
            let gaussians = name.hasPrefix("dense") ? Double(networks * depth * (width * width + width)) : Double(networks * depth * width)
            let ratio = peer.map { String(format: "%.1f×", $0.seconds / t) } ?? "n/a"
            table.add(["\(name) (norm \(String(format: "%.4f", norm)))", seconds(t),
                       String(format: "%.1f M gauss/s", gaussians / t / 1e6), ratio])
        }
        if let peer {
            table.add(["NumPy \(peer.version) dense peer (norm \(String(format: "%.4f", peer.norm)); \(peerNetworks) networks ×\(networks / peerNetworks))",
                       seconds(peer.seconds), "", "1.0×"])
        } else {
            // Say the real reason: quick mode skips the peer on purpose; otherwise numpy is missing or the script failed.
            let reason = quick ? "CRITICALITY_BENCH_QUICK=1" : (PythonPeer.numpySkipReason ?? "bench/peers/lattice_numpy.py failed or is missing")
            table.add(["NumPy peer skipped (\(reason))", "", "", ""])
        }
        table.add(["target", "", "", "dense ≥ 5×, exact ≥ 100×"])
        table.add(["r* = sqrt(N sb2/(1 - sw2))", String(format: "%.4f", (Double(width) * sb2 / (1 - sw2)).squareRoot()), "", ""])
        return table.text
    }

    struct Peer { let seconds: Double; let norm: Double; let version: String }

    /// Seconds for M networks (measured on `peerNetworks`, scaled), or nil when numpy is missing.
    private func numpyPeer() throws -> Peer? {
        guard let python = PythonPeer.interpreter, let script = PythonPeer.script("lattice_numpy.py") else { return nil }
        let run = try PythonPeer.run(python, [script.path, "\(peerNetworks)", "\(width)", "\(depth)", "\(sw2)", "\(sb2)", "1"])
        guard run.status == 0,
              let json = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any],
              let s = json["seconds"] as? Double, let norm = json["norm"] as? Double else { return nil }
        return Peer(seconds: s * Double(networks) / Double(peerNetworks), norm: norm, version: json["numpy"] as? String ?? "?")
    }

    private func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

}
