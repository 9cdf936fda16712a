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

    public func run(_ context: StageContext) throws -> ReLULatticeCovarianceData {
        let p = parameters.ensemble
        let sampler = Sampler.exact
        var entries: [ReLULatticeCovarianceData.Entry: ReLULatticeCovarianceData.EntrySeries] = [:]
        var centres: [Double] = [], windowStart = p.depth / 2
        var paperGaps: [Double] = [], leadingGaps: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            // Each σ_w² its own seed, so the curves' errors are independent (as in LatticeSweep).
            let network = LatticeNetwork(model: .relu, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed(forIndex: index), sampler: sampler)
            windowStart = network.windowStart
            let measured = try network.fluctuationCovariance(modesPerBin: parameters.modesPerBin)
            let theory = ReLULatticeFluctuations(weightVariance: w, biasVariance: p.sb2, width: p.width)
            let paper = try theory.paperCovariance(over: measured.bins)
            let leading = theory.leadingOrderCovariance(over: measured.bins)
            if centres.isEmpty { centres = measured.bins.centres }
            for component in FluctuationComponent.all {
                let estimates = measured.estimates(for: component)
                var series = entries[component.schemaEntry] ?? .init(measured: [], stderr: [], paper: [], leading: [])
                series.measured += estimates.map(\.mean)
                series.stderr += estimates.map(\.standardError)
                series.paper += paper.map { $0.value(component) }
                series.leading += leading.map { $0.value(component) }
                entries[component.schemaEntry] = series
            }
            paperGaps += measured.gaps(to: paper)
            leadingGaps += measured.gaps(to: leading)
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        return ReLULatticeCovarianceData(sb2: p.sb2, width: p.width, depth: p.depth, windowStart: windowStart, networks: p.networks,
                                         modesPerBin: parameters.modesPerBin, sampler: sampler.rawValue, sw2: p.sw2, q: centres, entries: entries,
                                         medianGapPaper: GapSummary.median(paperGaps), medianGapLeading: GapSummary.median(leadingGaps),
                                         withinThreePaper: GapSummary.withinThree(paperGaps), withinThreeLeading: GapSummary.withinThree(leadingGaps))
    }
}

extension FluctuationComponent {
    /// The data file's entry for this component: a diagonal entry or an upper one
    /// (``FluctuationComponent/all``); a component below the diagonal is the upper entry's
    /// conjugate, which the file does not hold.
    public var schemaEntry: ReLULatticeCovarianceData.Entry {
        switch (row, column, part) {
        case (.plus, .plus, _): return .pp
        case (.minus, .minus, _): return .mm
        case (.k, .k, _): return .kk
        case (.plus, .minus, .real): return .pmReal
        case (.plus, .k, .real): return .pkReal
        case (.minus, .k, .real): return .mkReal
        case (.plus, .minus, .imaginary): return .pmImaginary
        case (.plus, .k, .imaginary): return .pkImaginary
        case (.minus, .k, .imaginary): return .mkImaginary
        default: preconditionFailure("\(self) lies below the diagonal; use the upper entry (FluctuationComponent.all)")
        }
    }
}
