import Foundation
import Pipeline
import Simulation

extension LatticeEnsemble {
    /// Refuses, when the graph is built, an ensemble the lattice stages cannot run: an empty σ_w²
    /// list, what ``LatticeNetwork/validate()`` refuses (sizes < 1, bad variances, σ_w² without a
    /// saddle point) for every σ_w², and sizes whose arrays cannot fit or whose draws cannot
    /// finish. `bytesPerNetwork` is what one network keeps until its σ_w² is done (window
    /// series, periodograms, trajectories); `outputBytes` what the stage's result holds.
    /// Not named `check`: code dependencies are derived by name, and a plain extension member
    /// called `check` would tie every file that mentions a check to the lattice stages.
    func checkEnsemble(model: LatticeModel, sampler: Sampler = .exact, bytesPerNetwork: Double, outputBytes: Double) throws {
        guard !sw2.isEmpty else { throw ParameterCheckError("sw2 is empty; give at least one σ_w²") }
        for w in sw2 {
            try LatticeNetwork(model: model, weightVariance: w, biasVariance: sb2, width: width, depth: depth,
                               networks: networks, seed: seed, sampler: sampler).validate()
        }
        let n = Double(width), threads = Double(ProcessInfo.processInfo.activeProcessorCount)
        // Each worker holds its state vectors (and, dense, one N × N weight matrix); every
        // network's statistics stay in memory until the mean over networks is taken.
        let perWorker = (sampler == .dense ? 8 * n * n : 0) + 64 * n
        try MemoryBudget.require(bytes: threads * perWorker + Double(networks) * (256 + bytesPerNetwork) + outputBytes,
                                 for: "\(networks) lattice networks of width \(width) and depth \(depth)",
                                 fix: "give fewer networks, a smaller width or depth")
        // Every layer draws N numbers (exact) or multiplies an N × N matrix (dense).
        let perLayer = sampler == .dense ? n * n : n
        try WorkBudget.require(operations: Double(sw2.count) * Double(networks) * Double(depth) * perLayer,
                               for: "\(sw2.count) σ_w² × \(networks) lattice networks of width \(width) and depth \(depth)",
                               fix: "give fewer networks or σ_w², a smaller width or depth")
    }

    /// Layers in the analysis window, depth/2 … depth, as the stages take it.
    var windowLength: Double { Double(depth - depth / 2 + 1) }
}

extension LatticeEnsemble: CheckedParameters {
    /// The spectrum and trajectory stages (whose parameters are the ensemble itself, linear
    /// model): each network keeps its window periodogram or its whole trajectory.
    public func check() throws {
        let layers = max(windowLength, Double(depth) + 1)
        try checkEnsemble(model: .linear, bytesPerNetwork: 16 * layers, outputBytes: 8 * Double(sw2.count) * Double(networks) * layers)
    }
}

extension LatticeSweep.Parameters: CheckedParameters {
    /// A sweep keeps window averages only: a few numbers per network.
    public func check() throws {
        try ensemble.checkEnsemble(model: model, sampler: sampler, bytesPerNetwork: 64, outputBytes: 0)
    }
}

extension LatticeModes.Parameters: CheckedParameters {
    /// Each network keeps its window modes, and the result holds them all; histograms need
    /// wavevectors and at least 2 bins.
    public func check() throws {
        guard !histogramWavevectors.isEmpty else { throw ParameterCheckError("histogramWavevectors is empty; give at least one wavevector") }
        if let bad = histogramWavevectors.first(where: { !$0.isFinite }) { throw ParameterCheckError("histogram wavevector \(bad) is not finite") }
        guard bins >= 2 else { throw ParameterCheckError("bins \(bins) < 2; histograms need at least 2 bins") }
        guard bins <= ParameterAxis.maximumCount else { throw ParameterCheckError("bins \(bins) > \(ParameterAxis.maximumCount); give fewer bins") }
        let modes = ensemble.windowLength / 2 + 1
        try ensemble.checkEnsemble(model: .linear, bytesPerNetwork: 16 * modes,
                           outputBytes: 16 * Double(ensemble.sw2.count) * (Double(ensemble.networks) * modes + Double(histogramWavevectors.count) * Double(bins)))
    }
}

extension ReLULatticeCovariance.Parameters: CheckedParameters {
    /// Each network keeps its window series of r₊, r₋ and k and their cross-periodograms.
    public func check() throws {
        guard modesPerBin >= 1 else { throw ParameterCheckError("modesPerBin \(modesPerBin) < 1; give at least 1 mode per band") }
        guard ensemble.windowLength >= 3 else { throw ParameterCheckError("depth \(ensemble.depth) leaves a window of \(Int(ensemble.windowLength)) layers; give depth ≥ 4") }
        try ensemble.checkEnsemble(model: .relu, bytesPerNetwork: 32 * 3 * ensemble.windowLength + 16 * 9 * ensemble.windowLength, outputBytes: 0)
    }
}
