import MeanField
import Pipeline
import Simulation
import Stages
import Artifacts

/// Paper 003 Figs. 3–7: the stochastic linear and ReLU lattice networks against their saddle
/// points, the linear network's Fourier-mode spectrum, the ReLU fluctuations' covariance (Appendix 8.3: N = 200, L = 1024,
/// σ_b² = 0.01, analysis window 512–1024, M networks).
let latticeNetworks = PipelineDefinition("003-lattice", summary: "stochastic linear and ReLU lattice networks vs saddle points; mode spectrum; ReLU fluctuation covariance (003 Figs. 3-7)") { p in
    let networks = p.profile.pick(quick: 8, default: 100, paper: 200)
    let depth = p.profile.pick(quick: 256, default: 1024, paper: 1024)
    let width = 200
    let linearSw2: [Double] = p.profile.pick(quick: [0.1, 0.5, 0.9], default: ParameterAxis.linear(0.05, 0.95, 19).values, paper: ParameterAxis.linear(0.02, 0.98, 49).values)
    let reluSw2: [Double] = p.profile.pick(quick: [0.4, 1.0, 1.6], default: ParameterAxis.linear(0.1, 1.9, 19).values, paper: ParameterAxis.linear(0.05, 1.95, 39).values)
    let linear = p.add("linear", LatticeSweep(.init(model: .linear, ensemble: .init(sb2: 0.01, sw2: linearSw2, width: width, depth: depth, networks: networks, seed: 1))))
    let relu = p.add("relu", LatticeSweep(.init(model: .relu, ensemble: .init(sb2: 0.01, sw2: reluSw2, width: width, depth: depth, networks: networks, seed: 2))))
    let spectrum = p.add("spectrum", LatticeSpectrum(.init(sb2: 0.01, sw2: p.profile.pick(quick: [0.18, 0.82], default: [0.02, 0.18, 0.34, 0.5, 0.66, 0.82, 0.98],
                                                                                            paper: [0.02, 0.18, 0.34, 0.5, 0.66, 0.82, 0.98]),
                                                           width: width, depth: depth, networks: networks, seed: 3)))
    let trajectories = p.add("trajectories", LatticeTrajectories(.init(sb2: 0.01, sw2: [0.5, 0.9], width: width, depth: depth,
                                                                       networks: p.profile.pick(quick: 2, default: 3, paper: 5), seed: 4)))
    // Appendix 8.3's Figs. 7(b), 8, 9 at Fig. 7's σ_w² = 0.9: each network's window modes, their
    // histograms at a few q, and their mean and variance over networks.
    let histogramWavevectors = [0.05, 0.5, 1.5, 3.0]
    let modes = p.add("modes", LatticeModes(.init(ensemble: .init(sb2: 0.01, sw2: [0.9], width: width, depth: depth, networks: networks, seed: 6),
                                                  histogramWavevectors: histogramWavevectors)))
    typealias Modes = LatticeModesData
    let ensemble = "Linear lattice network (003 Appendix 8.3): N = {width}, L = {depth}, σ_b² = {sigma_b2}, σ_w² = {sigma_w2}, M = {networks} networks, analysis window layers {window_start}–{depth}, seed {seed}."
    let wavevector = Modes.wavevector
    // 003 Fig. 7(b): each network's window modes, the theory's expected |ε_q|² over them.
    p.add("fig7b", PanelFigure(name: "fig7b-window-modes", caption: "003 Fig. 7(b). \(ensemble) Light lines: |ε_q|² of each network's window fluctuations r_l − r* (FFTW, ε_q = W^(−1/2) Σ_l (r_l − r*) e^(−iql)); black: S(q) of Eq. 15, the expected |ε_q|². Each |ε_q|² is exponentially distributed about S(q) (a complex Gaussian's squared modulus), so on the log axis most of every line lies below its mean.",
                               panels: [.curves([PlottedSeries(modes, x: wavevector, y: Modes.power, drawn: .faintLines).each(Modes.network),
                                                 PlottedSeries(modes, x: wavevector, y: Modes.variancePredicted, drawn: .line, coloring: .theory)], logY: true)],
                               profile: p.profile))
    // A re-plot of the same data (no stage type added): each network's |ε_q|² as a map over q and network.
    p.add("modes-map", PanelFigure(name: "lattice-modes-map", caption: "\(ensemble) Each network's |ε_q|² (colour, logarithmic) over q and the network's index: the Fig. 7(b) lines side by side, so a network that stood out would show as a row.",
                                   panels: [.heatmap(HeatmapValues(modes, values: Modes.power, x: wavevector, y: Modes.network), logColor: true)],
                                   profile: p.profile))
    // 003 Fig. 8: histograms of ε_q at a few q against the Gaussian Eq. 15 implies.
    p.add("fig8", PanelFigure(name: "fig8-mode-histograms", caption: "003 Fig. 8. \(ensemble) Histograms of the real and imaginary parts of ε_q (real part only at q = 0, π) at the modes nearest the requested q, against the Gaussian N(0, S(q)/2) of Eq. 15 (N(0, S(q)) for a real mode); D is the Kolmogorov–Smirnov distance of the standardised parts from N(0, 1), D₀.₀₅ its 5 % critical value.",
                              columns: 2,
                              panels: histogramWavevectors.map { q in
                                  .curves(title: "q = {histogram_q}", [
                                      PlottedSeries(modes, x: Modes.histogramX, y: Modes.histogramDensity, drawn: .bars, title: "measured: D = {ks_distance} (D₀.₀₅ = {ks_critical})").at(Modes.histogramWavevector, q),
                                      PlottedSeries(modes, x: Modes.histogramX, y: Modes.histogramGaussian, drawn: .line, coloring: .theory).at(Modes.histogramWavevector, q),
                                  ])
                              },
                              profile: p.profile))
    // 003 Fig. 9: (a) the mean of ε_q with its standard error, (b) ⟨ε_q†ε_q⟩ against S(q).
    p.add("fig9", PanelFigure(name: "fig9-mode-statistics", caption: "003 Fig. 9. \(ensemble) Means over networks with standard errors. (a) ⟨Re ε_q⟩ and ⟨Im ε_q⟩ (side by side at each q), the line their expectation: 0, except √W (E r − r*) at q = 0, the finite-width offset of the window average (this project's correction; the paper says the mean is zero everywhere). (b) ⟨ε_q†ε_q⟩ against S(q) of Eq. 15. Strips: (data − theory)/standard error.",
                              columns: 2,
                              panels: [
                                  .curves(title: "(a) mean of ε_q", [
                                      PlottedSeries(modes, x: wavevector, y: Modes.meanReal, error: Modes.meanRealStderr),
                                      PlottedSeries(modes, x: wavevector, y: Modes.meanPredicted, drawn: .line, coloring: .theory),
                                      PlottedSeries(modes, x: wavevector, y: Modes.meanImaginary, error: Modes.meanImaginaryStderr),
                                  ], residuals: Residuals(data: 0, theory: 1)),
                                  .curves(title: "(b) variance of ε_q", [
                                      PlottedSeries(modes, x: wavevector, y: Modes.variance, error: Modes.varianceStderr),
                                      PlottedSeries(modes, x: wavevector, y: Modes.variancePredicted, drawn: .line, coloring: .theory),
                                  ], residuals: Residuals(data: 0, theory: 1), logY: true),
                              ],
                              profile: p.profile))
    p.add("window-figure", LatticeWindowFigure(p.profile, trajectories: trajectories))
    // 003 Fig. 6: the paper's σ_w² set; bands of 8 modes (W = 513 gives 32 bands over (0, π]).
    let covariance = p.add("covariance", ReLULatticeCovariance(.init(
        ensemble: .init(sb2: 0.01, sw2: p.profile.pick(quick: [0.34, 1.3], default: [0.02, 0.34, 0.66, 0.98, 1.3, 1.62, 1.94], paper: [0.02, 0.34, 0.66, 0.98, 1.3, 1.62, 1.94]),
                        width: width, depth: depth, networks: networks, seed: 5),
        modesPerBin: p.profile.pick(quick: 8, default: 8, paper: 4))))
    p.add("covariance-figure", ReLUCovarianceFigure(p.profile, covariance: covariance))
    p.add("figure", LatticeFigure(p.profile, linear: linear, relu: relu, spectrum: spectrum))
}

/// Mean-field theory against finite width: tanh networks of width 50 to 1000 on both sides of
/// the transition (σ_b² = 0.05), dense Gaussian weights through BLAS; Var q^L across networks
/// against N, which needs enough networks per width to estimate a variance (M = 100: a relative
/// standard error of 12–22 %, measured).
let finiteWidth = PipelineDefinition("002-finite-width", summary: "finite-width q^l, c^l vs the mean-field maps and Var q^L ∝ 1/N, N = 50…1000 (002 Eqs. 3, 5-7; 003 §3)") { p in
    let widths: [Int] = p.profile.pick(quick: [20, 40, 80], default: [50, 100, 200, 500, 1000], paper: [50, 100, 200, 500, 1000, 2000])
    let networks = p.profile.pick(quick: 40, default: 100, paper: 400)
    let depth = p.profile.pick(quick: 10, default: 30, paper: 50)
    let run = p.add("propagation", FiniteWidthPropagation(.init(activation: .tanh, sb2: 0.05, sw2: [1.0, 2.5], widths: widths, depth: depth,
                                                                networks: networks, q0: 1, c0: 0.5, seed: 1)))
    p.add("figure", PropagationFigure(.init(profile: p.profile), propagation: run))
}

/// 002 §3.2, dynamical isometry where it exists (Pennington et al. 2017, as 002 cites them):
/// tanh near q* → 0 (σ_b² = 10⁻⁴, σ_w² on the critical line just above 1) with Gaussian and
/// orthogonal weights, and ReLU at its critical point as the counter-example; width 4 × the
/// deepest depth, so that finite-width corrections (∝ L/N) stay small.
let dynamicalIsometry = PipelineDefinition("002-dynamical-isometry", summary: "Jacobian singular values at criticality near q* → 0, Gaussian vs orthogonal, tanh vs ReLU (002 §3.2)") { p in
    let tanhSb2 = 1e-4
    let tanhCritical = (try? CriticalLine.point(activation: .tanh, biasVariance: tanhSb2).weightVariance) ?? .nan
    let families: [JacobianSpectra.Family] = [
        .init(activation: .tanh, sw2: tanhCritical, sb2: tanhSb2, weights: .gaussian),
        .init(activation: .tanh, sw2: tanhCritical, sb2: tanhSb2, weights: .orthogonal),
        .init(activation: .relu, sw2: 2, sb2: 0, weights: .gaussian),
        .init(activation: .relu, sw2: 2, sb2: 0, weights: .orthogonal),
    ]
    let depths: [Int] = p.profile.pick(quick: [2, 8], default: [4, 16, 64], paper: [8, 32, 128])
    let width = 4 * depths.max()!
    let networks = p.profile.pick(quick: 8, default: 64, paper: 64)
    let spectra = p.add("spectra", JacobianSpectra(.init(families: families, depths: depths, width: width, networks: networks, seed: 1)))
    p.add("figure", JacobianSpectraFigure(.init(profile: p.profile), spectra: spectra))
}

/// Paper 003 Fig. 1: norm trajectories of a deep tanh network (L = 100, N = 500, σ_b² = 0.001)
/// for σ_w² from 0.1 to 1.5, one network each, with the mean field overlaid.
let normTrajectories = PipelineDefinition("003-fig1-norms", summary: "norm trajectories of deep tanh networks with the mean field (003 Fig. 1)") { p in
    let sw2: [Double] = p.profile.pick(quick: [0.5, 1.5], default: ParameterAxis.linear(0.1, 1.5, 8).values, paper: ParameterAxis.linear(0.1, 1.5, 15).values)
    let width = p.profile.pick(quick: 50, default: 500, paper: 500)
    let depth = p.profile.pick(quick: 20, default: 100, paper: 100)
    let run = p.add("trajectories", FiniteWidthPropagation(.init(activation: .tanh, sb2: 0.001, sw2: sw2, widths: [width], depth: depth,
                                                                 networks: 1, q0: 1, c0: 1, seed: 7)))
    p.add("figure", NormTrajectoriesFigure(.init(protocolText: "N = \(width), L = \(depth), σ_b² = 0.001, q⁰ = 1, Gaussian weights (dense sampler), seed 7",
                                                 profile: p.profile), propagation: run))
}
