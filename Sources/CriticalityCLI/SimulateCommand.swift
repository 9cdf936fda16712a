import ArgumentParser
import Foundation
import MeanField
import Pipeline
import Simulation

/// `criticality simulate`: finite-width random networks against the mean-field theory.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate finite-width random networks and compare with the theory.",
        discussion: """
        Examples:
          criticality simulate propagate --activation tanh --width 500 --depth 50 --sw2 1.5 --sb2 0.05 --networks 20
          criticality simulate lattice --model linear --width 200 --depth 1024 --sb2 0.01 --sw2 0.5 --networks 50
          criticality simulate lattice --model relu --width 200 --depth 1024 --sb2 0.01 --sw2 1.0 --networks 50 --json

        Every network m draws its Gaussians from its own Philox4x32-10 stream keyed by (--seed, m),
        so the same seed gives the same numbers whatever --threads is.
        """,
        subcommands: [SimulatePropagateCommand.self, SimulateLatticeCommand.self, SimulateJacobianCommand.self])
}

/// Options every simulation takes.
struct SimulationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Weight variance σ_w².")
    var sw2: Double

    @Option(parsing: .unconditional, help: "Bias variance σ_b².")
    var sb2: Double

    @Option(parsing: .unconditional, help: "Width N of every layer.")
    var width: Int

    @Option(parsing: .unconditional, help: "Depth L (number of layers).")
    var depth: Int

    @Option(parsing: .unconditional, help: "Number M of independent random networks.")
    var networks: Int

    @Option(parsing: .unconditional, help: "Seed of the Gaussian streams (a non-negative 64-bit integer).")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: the number of cores); results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print the result as JSON.")
    var json = false
}

/// `criticality simulate propagate`: q^l and c^l of two inputs through M networks vs LayerTrajectory.
struct SimulatePropagateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propagate",
        abstract: "Push two inputs (q0, c0) through M random networks; q^l, c^l with standard errors vs the mean-field maps.",
        discussion: """
        --sampler dense draws every N × N weight matrix (BLAS); --sampler exact draws each layer's
        pre-activation pairs from their exact 2 × 2 Gaussian law (i.i.d. Gaussian weights only).
        JSON keys: q, q_stderr, c, c_stderr, q_theory, c_theory (layers 0 … L).
        """)

    @Option(help: "Activation: \(Activation.knownNames.joined(separator: ", ")).")
    var activation: String

    @OptionGroup var options: SimulationOptions

    @Option(help: "dense or exact.")
    var sampler: String = "dense"

    @Option(help: "gaussian or orthogonal (orthogonal needs --sampler dense).")
    var weights: String = "gaussian"

    @Option(parsing: .unconditional, help: "Squared length per unit q0 of both inputs.")
    var q0: Double = 1

    @Option(parsing: .unconditional, help: "Correlation c0 of the two inputs.")
    var c0: Double = 0.5

    func run() throws {
        do {
            let activation = try Activation.parse(self.activation)
            let config = FinitePropagation(
                activation: activation, weightVariance: options.sw2, biasVariance: options.sb2, width: options.width,
                depth: options.depth, networks: options.networks, seed: options.seed, q0: q0, c0: c0,
                sampler: try Sampler.parse(sampler), weights: try WeightEnsemble.parse(weights))
            try config.validate()
            try SimulationError.check(threads: options.threads)
            try MemoryEstimate.simulation(width: options.width, networks: options.networks, keptLayers: options.depth + 1,
                                          dense: config.sampler == .dense, threads: options.threads)
            let theory = try config.theory()
            let result = try config.run(threads: options.threads)
            if options.json {
                let out = PropagateJSON(q: result.q, q_stderr: result.qStandardError, c: result.c, c_stderr: result.cStandardError,
                                        q_theory: theory.q, c_theory: theory.c)
                print(try SimulationOutput.json(out))
                return
            }
            print("propagate: \(activation.rawValue), sigma_w^2 = \(options.sw2), sigma_b^2 = \(options.sb2), N = \(options.width), L = \(options.depth), M = \(options.networks), \(config.sampler.rawValue) sampler, \(config.weights.rawValue) weights, seed \(options.seed)")
            print(String(repeating: " ", count: 3) + "l" + pad("q", 12) + pad("±", 10) + pad("q theory", 12) + pad("c", 12) + pad("±", 10) + pad("c theory", 12))
            for l in 0...options.depth {
                print(pad("\(l)", 4) + pad(fmt(result.q[l]), 12) + pad(fmt(result.qStandardError[l]), 10) + pad(fmt(theory.q[l]), 12)
                      + pad(fmt(result.c[l]), 12) + pad(fmt(result.cStandardError[l]), 10) + pad(fmt(theory.c[l]), 12))
            }
        } catch let error as SimulationError {
            throw CommandFailure(error)
        } catch let error as MeanFieldError {
            throw CommandFailure(error)
        } catch let error as MemoryBudgetError {
            throw CommandFailure(error)
        }
    }
}

/// `criticality simulate lattice`: the stochastic lattice networks of paper 003.
struct SimulateLatticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lattice",
        abstract: "Stochastic linear or ReLU network (paper 003): bulk norms over the analysis window vs the saddle point.",
        discussion: """
        Linear: mean |z| over layers --window-start … --depth and networks vs r* = sqrt(N sb2 / (1 - sw2)) (003 Eq. 13).
        ReLU: r+, r- (norms of the positive and negative parts) and k (positive count) vs Eq. 20.
        JSON keys (linear): model, sw2, sb2, width, depth, networks, norm, norm_stderr, norm_predicted;
        (relu): model, sw2, sb2, width, depth, networks, r_plus, r_plus_stderr, r_minus, r_minus_stderr, k, k_stderr,
        r_predicted, k_predicted. --spectrum (linear) adds the Fourier-mode variances vs Eq. 15.
        """)

    @Option(help: "linear or relu.")
    var model: String

    @OptionGroup var options: SimulationOptions

    @Option(parsing: .unconditional, help: "First layer of the analysis window (default: depth/2).")
    var windowStart: Int?

    // Dense by default, as for propagate: it is the direct simulation the theory is checked
    // against; exact is the fast sampler of the same law (tested to agree in distribution).
    @Option(help: "dense (N × N weight matrices, the default) or exact (N numbers per layer, the same law).")
    var sampler: String = "dense"

    @Flag(help: "Linear model: also the Fourier-mode variance of r_l − r* vs 003 Eq. 15.")
    var spectrum = false

    @Flag(help: "Dense sampler: draw the weight matrices in Float32 (sgemv); state and statistics stay Float64.")
    var float32 = false

    @Flag(help: "ReLU model: also the Fourier-space covariance of (eps+, eps-, eps_k) vs the inverse of 003 Eq. 22 and our leading order (003 Fig. 6).")
    var covariance = false

    @Option(parsing: .unconditional, help: "With --covariance: Fourier modes averaged into one band.")
    var modesPerBin = 8

    func run() throws {
        do {
            let network = LatticeNetwork(
                model: try LatticeModel.parse(model), weightVariance: options.sw2, biasVariance: options.sb2,
                width: options.width, depth: options.depth, networks: options.networks, seed: options.seed,
                windowStart: windowStart, sampler: try Sampler.parse(sampler), singlePrecisionWeights: float32)
            if float32 && network.sampler != .dense {
                throw SimulationError.invalidArgument("--float32 applies to the dense sampler only; add --sampler dense")
            }
            try network.validate()
            try SimulationError.check(threads: options.threads)
            try MemoryEstimate.simulation(width: options.width, networks: options.networks, keptLayers: spectrum || covariance ? options.depth - network.windowStart + 1 : 1,
                                          dense: network.sampler == .dense, weightBytes: float32 ? 4 : 8, threads: options.threads)
            if spectrum && network.model != .linear {
                throw SimulationError.invalidArgument("--spectrum is implemented for --model linear only (003 Eq. 15)")
            }
            if covariance && network.model != .relu {
                throw SimulationError.invalidArgument("--covariance is the ReLU network's (003 Fig. 6); pass --model relu")
            }
            let r = try network.run(threads: options.threads, spectrum: spectrum, covarianceModesPerBin: covariance ? modesPerBin : nil)
            let fluctuations = try r.covariance.map { try CovarianceReport(network, measured: $0) }
            if options.json {
                var json = LatticeJSON(network, r)
                json.covariance = fluctuations?.json
                print(try SimulationOutput.json(json))
                return
            }
            print("lattice: \(network.model.rawValue), sigma_w^2 = \(options.sw2), sigma_b^2 = \(options.sb2), N = \(options.width), L = \(options.depth), M = \(options.networks), window \(network.windowStart)…\(options.depth), \(network.sampler.rawValue) sampler\(float32 ? " (Float32 weights)" : ""), seed \(options.seed)")
            switch network.model {
            case .linear:
                print("norm |z|    \(fmt(r.norm.mean)) ± \(fmt(r.norm.standardError))   predicted r* = \(fmt(network.predictedNorm)) (003 Eq. 13); finite-N mean \(fmt(network.finiteWidthMeanNorm))")
            case .relu:
                print("r+          \(fmt(r.rPlus!.mean)) ± \(fmt(r.rPlus!.standardError))   predicted r*+ = \(fmt(network.predictedNorm))")
                print("r-          \(fmt(r.rMinus!.mean)) ± \(fmt(r.rMinus!.standardError))   predicted r*- = \(fmt(network.predictedNorm))")
                print("            (003 Eq. 20; finite-N mean of r+ and r-: \(fmt(network.finiteWidthMeanNorm)))")
                print("k           \(fmt(r.k!.mean)) ± \(fmt(r.k!.standardError))   predicted k* = \(fmt(network.predictedPositiveCount))")
            }
            if let fluctuations { print(fluctuations.text) }
            if let modes = r.modes, let v = r.modeVariance, let se = r.modeVarianceStandardError, let p = r.modeVariancePredicted {
                print("Fourier-mode variance of r_l - r* (window of \(network.windowLength) layers):")
                print(pad("q", 10) + pad("variance", 14) + pad("±", 12) + pad("Eq. 15", 14))
                let step = max(1, modes.count / 16)
                for j in stride(from: 0, to: modes.count, by: step) {
                    print(pad(fmt(modes[j]), 10) + pad(fmt(v[j]), 14) + pad(fmt(se[j]), 12) + pad(fmt(p[j]), 14))
                }
            }
        } catch let error as SimulationError {
            throw CommandFailure(error)
        }
    }
}

/// `criticality simulate jacobian`: singular values of the input–output Jacobian (002 §3.2).
struct SimulateJacobianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jacobian",
        abstract: "Singular values of the input-output Jacobian at q* (Gaussian vs orthogonal weights) vs chi_1^L.",
        discussion: "JSON keys: mean_squared_singular_value, mean_squared_singular_value_stderr, predicted, squared_singular_value_variance, largest, smallest.")

    @Option(help: "Activation: \(Activation.knownNames.joined(separator: ", ")).")
    var activation: String

    @OptionGroup var options: SimulationOptions

    @Option(help: "gaussian or orthogonal.")
    var weights: String = "gaussian"

    func run() throws {
        do {
            try SimulationError.check(threads: options.threads)
            let spectrum = JacobianSpectrum(
                activation: try Activation.parse(activation), weightVariance: options.sw2, biasVariance: options.sb2,
                width: options.width, depth: options.depth, networks: options.networks, seed: options.seed,
                weights: try WeightEnsemble.parse(weights))
            let r = try spectrum.run(threads: options.threads)
            if options.json {
                print(try SimulationOutput.json([
                    "mean_squared_singular_value": r.meanSquaredSingularValue.mean,
                    "mean_squared_singular_value_stderr": r.meanSquaredSingularValue.standardError,
                    "predicted": r.predictedMeanSquaredSingularValue,
                    "squared_singular_value_variance": r.squaredSingularValueVariance.mean,
                    "largest": r.largestSingularValue.mean, "smallest": r.smallestSingularValue.mean,
                ]))
                return
            }
            print("jacobian: \(spectrum.activation.rawValue), sigma_w^2 = \(options.sw2), sigma_b^2 = \(options.sb2), N = \(options.width), L = \(options.depth), M = \(options.networks), \(spectrum.weights.rawValue) weights")
            print("mean squared singular value  \(fmt(r.meanSquaredSingularValue.mean)) ± \(fmt(r.meanSquaredSingularValue.standardError))   chi_1^L = \(fmt(r.predictedMeanSquaredSingularValue))")
            print("variance of sigma^2          \(fmt(r.squaredSingularValueVariance.mean)) ± \(fmt(r.squaredSingularValueVariance.standardError))")
            print("largest / smallest sigma     \(fmt(r.largestSingularValue.mean)) / \(fmt(r.smallestSingularValue.mean))")
        } catch let error as SimulationError {
            throw CommandFailure(error)
        } catch let error as MeanFieldError {
            throw CommandFailure(error)
        } catch let error as MemoryBudgetError {
            throw CommandFailure(error)
        }
    }
}

private struct PropagateJSON: Encodable {
    let q, q_stderr, c, c_stderr, q_theory, c_theory: [Double]
}

private struct LatticeJSON: Encodable {
    let model: String
    let sw2, sb2: Double
    let width, depth, networks: Int
    var norm, norm_stderr, norm_predicted: Double?
    var r_plus, r_plus_stderr, r_minus, r_minus_stderr, k, k_stderr, r_predicted, k_predicted: Double?
    var modes, mode_variance, mode_variance_stderr, mode_variance_predicted: [Double]?
    var covariance: CovarianceReport.JSON?

    init(_ n: LatticeNetwork, _ r: LatticeResult) {
        model = n.model.rawValue
        sw2 = n.weightVariance; sb2 = n.biasVariance
        width = n.width; depth = n.depth; networks = n.networks
        switch n.model {
        case .linear:
            norm = r.norm.mean; norm_stderr = r.norm.standardError; norm_predicted = n.predictedNorm
            modes = r.modes; mode_variance = r.modeVariance
            mode_variance_stderr = r.modeVarianceStandardError; mode_variance_predicted = r.modeVariancePredicted
        case .relu:
            r_plus = r.rPlus?.mean; r_plus_stderr = r.rPlus?.standardError
            r_minus = r.rMinus?.mean; r_minus_stderr = r.rMinus?.standardError
            k = r.k?.mean; k_stderr = r.k?.standardError
            r_predicted = n.predictedNorm; k_predicted = n.predictedPositiveCount
        }
    }
}

/// `simulate lattice --covariance`: the measured Σ(q) bands with both theories and the gaps.
private struct CovarianceReport {
    /// Per component: measured means, standard errors, the inverse of Eq. 22, our leading order.
    struct Component: Encodable { let measured, stderr, paper, leading: [Double] }
    /// Band centres, components by dataset name (pp, mm, kk, pm_re, …), median gaps in standard errors.
    struct JSON: Encodable {
        let q: [Double]
        let components: [String: Component]
        let median_gap_paper, median_gap_leading: Double
    }

    let json: JSON

    init(_ network: LatticeNetwork, measured: ReLUCovarianceMeasurement) throws {
        let theory = ReLULatticeFluctuations(weightVariance: network.weightVariance, biasVariance: network.biasVariance, width: network.width)
        let paper = try theory.paperCovariance(over: measured.bins), leading = theory.leadingOrderCovariance(over: measured.bins)
        var components: [String: Component] = [:]
        for component in FluctuationComponent.all {
            let e = measured.estimates(for: component)
            components[component.name] = Component(measured: e.map(\.mean), stderr: e.map(\.standardError),
                                                   paper: paper.map { $0.value(component) }, leading: leading.map { $0.value(component) })
        }
        json = JSON(q: measured.bins.centres, components: components,
                    median_gap_paper: GapSummary.median(measured.gaps(to: paper)), median_gap_leading: GapSummary.median(measured.gaps(to: leading)))
    }

    /// Per component, the band-averaged measurement next to both theories, and the median gaps.
    var text: String {
        var lines = ["Fourier-space covariance of (eps+, eps-, eps_k), 003 Fig. 6 (bands of modes; docs/LATTICE.md):",
                     pad("component", 10) + pad("measured (band mean)", 22) + pad("Eq. 22 inverse", 16) + pad("ours", 12)]
        for component in FluctuationComponent.all {
            let c = json.components[component.name]!
            let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(max(xs.count, 1)) }
            lines.append(pad(component.name, 10) + pad(fmt(mean(c.measured)), 22) + pad(fmt(mean(c.paper)), 16) + pad(fmt(mean(c.leading)), 12))
        }
        lines.append("median |measured - theory| over components and bands: Eq. 22 \(fmt(json.median_gap_paper)) standard errors, ours \(fmt(json.median_gap_leading))")
        return lines.joined(separator: "\n")
    }
}

enum SimulationOutput {
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

private func fmt(_ x: Double) -> String { String(format: "%.6g", x) }
private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
}

extension SimulationError {
    static func check(threads: Int) throws {
        guard threads >= 1 else { throw SimulationError.invalidCount(name: "threads (--threads)", value: threads, minimum: 1) }
    }
}
