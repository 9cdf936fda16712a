import Foundation
import Stages
import Testing
import Artifacts

/// The simulation pipelines of `make figures` (003 Figs. 1, 3–7; 002 finite width and dynamical
/// isometry), run end to end at the quick profile: every figure renders, and 003 Fig. 6's data
/// hold the measured covariance against both theories with the gaps the figure states.
@Suite("simulation pipelines, end to end", .serialized)
struct SimulationPipelinesTests {
    static let pipelines = ["003-lattice", "002-finite-width", "002-dynamical-isometry", "003-fig1-norms"]
    static let figures = ["003-lattice/figure/lattice", "003-lattice/window-figure/lattice-window", "003-lattice/covariance-figure/relu-covariance",
                          "003-lattice/fig7b/fig7b-window-modes", "003-lattice/fig8/fig8-mode-histograms", "003-lattice/fig9/fig9-mode-statistics",
                          "002-finite-width/figure/propagation", "002-dynamical-isometry/figure/jacobian-spectra", "003-fig1-norms/figure/norm-trajectories"]

    @Test("every simulation figure renders; the ReLU covariance agrees with the leading order and records its gap to Eq. 22")
    func simulationPipelines() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let quick = ["--profile", "quick", "--quiet"]
        let first = try cli.run(["run"] + Self.pipelines + quick)
        try #require(first.status == 0, "\(first.stderr)")
        cli.expectRendered(Self.figures)
        // 003 Figs. 7(b), 8, 9 (general figures): captions filled from the modes' data, whole in the caption file.
        let modesCaption = try String(contentsOf: cli.results.appendingPathComponent("003-lattice/fig9/fig9-mode-statistics.caption.txt"), encoding: .utf8)
        #expect(modesCaption.contains("N = 200, L = 256, σ_b² = 0.01, σ_w² = 0.9, M = 8 networks, analysis window layers 128–256") && !modesCaption.contains("{"), "\(modesCaption)")

        let covariance = try ReLULatticeCovarianceData.read(from: cli.results.appendingPathComponent("003-lattice/covariance"))
        let bands = covariance.q
        #expect(bands.count == 8 && bands.allSatisfy { $0 > 0 && $0 < Double.pi }, "\(bands)")
        let within = covariance.withinThreeLeading, median = covariance.medianGapLeading
        #expect(within >= 0.9 && median < 1.5, "leading order: \(within) within 3 SE, median gap \(median) SE")
        // The figure's caption states the protocol the data hold, not one the pipeline repeats.
        let caption = try String(contentsOf: cli.results.appendingPathComponent("003-lattice/covariance-figure/relu-covariance.caption.txt"), encoding: .utf8)
        #expect(caption.contains("N = \(covariance.width), L = \(covariance.depth)") && caption.contains("M = \(covariance.networks) networks"), "\(caption)")
        // k given the previous layer is Binomial(N, 1/2): Σ_kk = 1/4 in ε̃_k = (k − N/2)/√N; Eq. 22 gives 2/5.
        let kk = covariance[.kk].measured, kkPaper = covariance[.kk].paper
        let kkMean = kk.reduce(0, +) / Double(kk.count)
        #expect(abs(kkMean - 0.25) < 0.02, "measured Σ_kk \(kkMean)")
        #expect(kkPaper.allSatisfy { abs($0 - 0.4) < 1e-9 }, "Eq. 22's Σ_kk \(kkPaper)")

        let second = try cli.run(["run"] + Self.pipelines + quick)
        #expect(second.status == 0 && second.stdout.contains("Nothing to do"), "\(second.stdout)")
    }
}
