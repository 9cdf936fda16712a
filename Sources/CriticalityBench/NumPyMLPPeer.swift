import Foundation

/// The plain-NumPy MLP of bench/peers/mlp_numpy.py: the peer the training and trainability tables
/// put next to our numbers (same network, same SGD step, same OpenBLAS).
enum NumPyMLPPeer {
    /// Why the peer cannot run here, or nil when it can.
    static var skipReason: String? {
        guard PythonPeer.script("mlp_numpy.py") != nil else { return "bench/peers/mlp_numpy.py not found (run from the repository root)" }
        return PythonPeer.numpySkipReason
    }

    /// The peer's training throughput in samples/s, or nil when it cannot run.
    static func samplesPerSecond(depth: Int, width: Int, batch: Int, steps: Int) -> Double? {
        guard skipReason == nil, let python = PythonPeer.interpreter, let script = PythonPeer.script("mlp_numpy.py"),
              let result = try? PythonPeer.run(python, [script.path, "\(depth)", "\(width)", "\(batch)", "\(steps)"]), result.status == 0
        else { return nil }
        let text = String(decoding: result.stdout, as: UTF8.self)
        return text.split(separator: " ").last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
