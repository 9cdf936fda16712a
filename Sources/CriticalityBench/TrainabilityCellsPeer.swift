import Foundation
import Training

/// bench/peers/trainability_cells_numpy.py: the trainability cells of one (width, depth) trained
/// by plain NumPy, one after another, on NumPy's default BLAS threads.
enum TrainabilityCellsPeer {
    /// What the peer measured: per cell, wall and CPU seconds (all its threads; data loading
    /// excluded) and test accuracy.
    struct Outcome {
        var seconds: [Double]
        var cpuSeconds: [Double]
        var testAccuracy: [Double]
    }

    /// Why the peer cannot run here, or nil when it can.
    static var skipReason: String? {
        guard PythonPeer.script("trainability_cells_numpy.py") != nil else {
            return "bench/peers/trainability_cells_numpy.py not found (run from the repository root)"
        }
        return PythonPeer.numpySkipReason
    }

    /// Trains one cell per σ_w², or nil when the peer cannot run or fails.
    static func train(width: Int, depth: Int, sw2: [Double], sb2: Double, batch: Int, steps: Int) -> Outcome? {
        guard let python = PythonPeer.interpreter, let script = PythonPeer.script("trainability_cells_numpy.py") else { return nil }
        let cells = sw2.map { "\(width):\(depth):\($0)" }
        guard let result = try? PythonPeer.run(python, [script.path, Dataset.fashionMNIST.defaultDirectory, "\(batch)", "\(steps)", "\(sb2)"] + cells),
              result.status == 0
        else { return nil }
        var outcome = Outcome(seconds: [], cpuSeconds: [], testAccuracy: [])
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") where line.hasPrefix("cell ") {
            let fields = line.split(separator: " ")
            guard fields.count >= 10, let seconds = Double(fields[5]), let accuracy = Double(fields[7]), let cpu = Double(fields[9]) else { return nil }
            outcome.seconds.append(seconds)
            outcome.cpuSeconds.append(cpu)
            outcome.testAccuracy.append(accuracy)
        }
        return outcome.seconds.count == sw2.count ? outcome : nil
    }
}
