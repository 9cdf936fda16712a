import Foundation
import Pipeline
import Simulation
import Artifacts

/// 003 Fig. 6: the Fourier-space covariance of the fluctuations (ε̃₊, ε̃₋, ε̃_k) of the stochastic
/// ReLU network, measured over the analysis window (bands of modes, mean and standard error over
/// networks) next to the inverse of 003 Eq. 22 and this project's leading-order covariance
/// (``ReLULatticeFluctuations``), for several σ_w². The gap to each is stored as numbers: the
/// median |measured − theory| in standard errors and the fraction of points within 3.
public struct ReLULatticeCovariance: Stage {
    /// The ensemble and the band width.
    public struct Parameters: Codable, Hashable, Sendable {
        /// The networks (ReLU, exact sampler).
        public var ensemble: LatticeEnsemble
        /// Modes averaged into one band (the noise of a band falls as 1/√(networks · modes)).
        public var modesPerBin: Int
        public init(ensemble: LatticeEnsemble, modesPerBin: Int) {
            self.ensemble = ensemble
            self.modesPerBin = modesPerBin
        }
    }

    public static let kind = "simulation.relu-lattice-covariance"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    /// The dataset name of a component's measured values; `_stderr`, `_paper` and `_leading`
    /// suffixes name its standard error and the two theories.
    public static func datasetName(_ component: FluctuationComponent) -> String { "cov_" + component.name }

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters.ensemble
        var columns: [String: [Double]] = [:]
        var centres: [Double] = []
        var paperGaps: [Double] = [], leadingGaps: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            // Each σ_w² its own seed, so the curves' errors are independent (as in LatticeSweep).
            let network = LatticeNetwork(model: .relu, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed &* 1_000_003 &+ UInt64(index), sampler: .exact)
            let measured = try network.fluctuationCovariance(modesPerBin: parameters.modesPerBin)
            let theory = ReLULatticeFluctuations(weightVariance: w, biasVariance: p.sb2, width: p.width)
            let paper = try theory.paperCovariance(over: measured.bins)
            let leading = theory.leadingOrderCovariance(over: measured.bins)
            if centres.isEmpty { centres = measured.bins.centres }
            for component in FluctuationComponent.all {
                let name = Self.datasetName(component)
                let estimates = measured.estimates(for: component)
                columns[name, default: []] += estimates.map(\.mean)
                columns[name + "_stderr", default: []] += estimates.map(\.standardError)
                columns[name + "_paper", default: []] += paper.map { $0.value(component) }
                columns[name + "_leading", default: []] += leading.map { $0.value(component) }
            }
            paperGaps += measured.gaps(to: paper)
            leadingGaps += measured.gaps(to: leading)
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        var data = LabelledData(description: "Fourier-space covariance of the ReLU lattice fluctuations (eps+, eps-, eps_k) of paper 003 Fig. 6: measured over layers \(p.depth / 2)-\(p.depth), \(p.networks) networks of width \(p.width); the inverse of 003 Eq. 22 and the leading-order covariance of the resampling (ours)",
                                attributes: ["sigma_b2": "\(p.sb2)", "width": "\(p.width)", "depth": "\(p.depth)", "networks": "\(p.networks)",
                                             "modes_per_bin": "\(parameters.modesPerBin)", "sampler": "exact",
                                             "coordinates": "eps+- = sqrt(2(1 - sigma_w^2/2)/sigma_b^2) (r+- - r*), eps_k = (k - N/2)/sqrt(N) (003 Eq. 21)",
                                             "fourier_convention": "eps(q) = W^-1/2 sum_l exp(+i q l) eps_l; Sigma(q) = <eps(q) eps(q)^H>"])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis("q", values: centres, units: "rad", description: "mean wavevector of a band of \(parameters.modesPerBin) modes 2 pi j / W (j >= 1)")
        for component in FluctuationComponent.all {
            let name = Self.datasetName(component)
            data.addVariable(name, over: ["sigma_w2", "q"], values: columns[name]!, units: "1", description: "measured \(component.label)")
            data.addVariable(name + "_stderr", over: ["sigma_w2", "q"], values: columns[name + "_stderr"]!, units: "1", description: "its standard error over networks")
            data.addVariable(name + "_paper", over: ["sigma_w2", "q"], values: columns[name + "_paper"]!, units: "1", description: "\(component.label) from the inverse of 003 Eq. 22")
            data.addVariable(name + "_leading", over: ["sigma_w2", "q"], values: columns[name + "_leading"]!, units: "1",
                             description: "\(component.label) to leading order in 1/N from the layer resampling (ours, not in 003)")
        }
        data.addAxis("value", values: [0], units: "1", description: "a single value")
        data.addVariable("median_gap_paper", over: ["value"], values: [GapSummary.median(paperGaps)], units: "standard errors",
                         description: "median |measured - inverse of 003 Eq. 22| over all components, bands and sigma_w^2")
        data.addVariable("median_gap_leading", over: ["value"], values: [GapSummary.median(leadingGaps)], units: "standard errors",
                         description: "median |measured - leading-order covariance (ours)| over all components, bands and sigma_w^2")
        data.addVariable("within_3se_paper", over: ["value"], values: [GapSummary.withinThree(paperGaps)], units: "1",
                         description: "fraction of points within 3 standard errors of the inverse of 003 Eq. 22")
        data.addVariable("within_3se_leading", over: ["value"], values: [GapSummary.withinThree(leadingGaps)], units: "1",
                         description: "fraction of points within 3 standard errors of the leading-order covariance (ours)")
        return data
    }
}
