import Foundation
import Training

/// bench/peers/trainability_cells_numpy.py: training cells trained by plain NumPy, one after
/// another, on NumPy's default BLAS threads.
enum TrainabilityCellsPeer {
    /// What the peer measured: per cell, wall and CPU seconds (all its threads; data loading
    /// excluded) and test accuracy.
    struct Outcome {
        var seconds: [Double]
        var cpuSeconds: [Double]
        var testAccuracy: [Double]
    }

    /// What the peer implements: these activations, these initialisations, plain SGD.
    static let activations: Set<String> = ["tanh", "arctan", "softsign", "relu", "sigmoid"]
    static let initializations: Set<WeightInitialization> = [.gaussian, .orthogonal]

    /// Why the peer cannot train `configurations` here, or nil when it can.
    static func skipReason(for configurations: [TrainingConfiguration]) -> String? {
        guard PythonPeer.script("trainability_cells_numpy.py") != nil else {
            return "bench/peers/trainability_cells_numpy.py not found (run from the repository root)"
        }
        if let other = configurations.first(where: { !activations.contains($0.activation.rawValue) || !initializations.contains($0.initialization) || $0.optimizer != .sgd }) {
            return "the peer has no \(other.activation.rawValue) / \(other.initialization.rawValue) / \(other.optimizer.rawValue) cell (bench/peers/trainability_cells_numpy.py)"
        }
        return PythonPeer.numpySkipReason
    }

    /// The peer's description of one cell: activation:initialisation:width:depth:sw2:sb2:batch:steps:record:seed:lr.
    static func argument(_ c: TrainingConfiguration) -> String {
        [c.activation.rawValue, c.initialization.rawValue, "\(c.width)", "\(c.depth)", "\(c.sw2)", "\(c.sb2)", "\(c.batchSize)",
         "\(c.steps)", "\(c.evaluationInterval)", "\(c.seed)", "\(c.learningRate)"].joined(separator: ":")
    }

    /// Trains the cells, or nil when the peer cannot run or fails.
    static func train(_ configurations: [TrainingConfiguration]) -> Outcome? {
        guard let python = PythonPeer.interpreter, let script = PythonPeer.script("trainability_cells_numpy.py") else { return nil }
        guard let result = try? PythonPeer.run(python, [script.path, Dataset.fashionMNIST.defaultDirectory] + configurations.map(argument)),
              result.status == 0
        else { return nil }
        var outcome = Outcome(seconds: [], cpuSeconds: [], testAccuracy: [])
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") where line.hasPrefix("cell ") {
            let fields = line.split(separator: " ")
            guard fields.count >= 8, let seconds = Double(fields[3]), let accuracy = Double(fields[5]), let cpu = Double(fields[7]) else { return nil }
            outcome.seconds.append(seconds)
            outcome.cpuSeconds.append(cpu)
            outcome.testAccuracy.append(accuracy)
        }
        return outcome.seconds.count == configurations.count ? outcome : nil
    }
}
