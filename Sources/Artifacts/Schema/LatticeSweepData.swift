import Foundation
import Pipeline

/// The stochastic lattice networks of paper 003 over a σ_w² axis (``LatticeSweep``'s output):
/// window and ensemble means of the bulk norm (and, for ReLU, r₊, r₋ and k) with their standard
/// errors over networks, next to the saddle-point predictions (003 Eqs. 13, 20) and the
/// finite-width mean; and the agreement in one number each, in standard errors.
public struct LatticeSweepData: LabelledSchema, Equatable {
    /// The ReLU network's extra columns: its positive and negative parts and its count of
    /// positive components.
    public struct ReLUParts: Equatable, Sendable {
        /// Norm r₊ of the positive part, and its standard error.
        public var rPlus: [Double], rPlusStderr: [Double]
        /// Norm r₋ of the negative part, and its standard error.
        public var rMinus: [Double], rMinusStderr: [Double]
        /// Number k of positive components, its standard error, and k* = N/2.
        public var k: [Double], kStderr: [Double], kPredicted: [Double]
        /// The ReLU columns, each over σ_w².
        public init(rPlus: [Double], rPlusStderr: [Double], rMinus: [Double], rMinusStderr: [Double],
                    k: [Double], kStderr: [Double], kPredicted: [Double]) {
            self.rPlus = rPlus
            self.rPlusStderr = rPlusStderr
            self.rMinus = rMinus
            self.rMinusStderr = rMinusStderr
            self.k = k
            self.kStderr = kStderr
            self.kPredicted = kPredicted
        }
    }

    /// The model: "linear" or "relu" (``Simulation/LatticeModel``'s raw value).
    public var model: String
    /// The sampler: "exact" or "dense" (``Simulation/Sampler``'s raw value).
    public var sampler: String
    /// Bias variance σ_b².
    public var sb2: Double
    /// Width N.
    public var width: Int
    /// Depth L.
    public var depth: Int
    /// First layer of the analysis window (it ends at L).
    public var windowStart: Int
    /// Networks M per σ_w².
    public var networks: Int
    /// The σ_w² axis.
    public var sw2: [Double]
    /// Bulk norm |z| (window and ensemble mean) and its standard error over networks.
    public var norm: [Double], normStderr: [Double]
    /// The saddle point r* (003 Eq. 13 linear, Eq. 20 ReLU: the norm of each part).
    public var normPredicted: [Double]
    /// The finite-width mean of |z| (this project's correction to the saddle point).
    public var normFiniteWidth: [Double]
    /// The ReLU columns (nil for the linear model).
    public var relu: ReLUParts?
    /// Largest |measured − saddle point| over σ_w², in standard errors (r₊ for ReLU, the norm for linear).
    public var maxGapSaddle: Double
    /// Largest |measured − finite-width mean| over σ_w², in standard errors.
    public var maxGapFiniteWidth: Double
    /// The stage that wrote the file (nil for a value being built).
    public private(set) var provenance: ArtifactProvenance?

    /// The value a producer builds (its provenance is added when the engine writes it).
    public init(model: String, sampler: String, sb2: Double, width: Int, depth: Int, windowStart: Int, networks: Int,
                sw2: [Double], norm: [Double], normStderr: [Double], normPredicted: [Double], normFiniteWidth: [Double],
                relu: ReLUParts?, maxGapSaddle: Double, maxGapFiniteWidth: Double) {
        self.model = model
        self.sampler = sampler
        self.sb2 = sb2
        self.width = width
        self.depth = depth
        self.windowStart = windowStart
        self.networks = networks
        self.sw2 = sw2
        self.norm = norm
        self.normStderr = normStderr
        self.normPredicted = normPredicted
        self.normFiniteWidth = normFiniteWidth
        self.relu = relu
        self.maxGapSaddle = maxGapSaddle
        self.maxGapFiniteWidth = maxGapFiniteWidth
    }

    // Root attributes (the scalars h5py and xarray readers see as `attrs`).
    private static let modelAttribute = "model", samplerAttribute = "sampler", sb2Attribute = "sigma_b2"
    private static let widthAttribute = "width", depthAttribute = "depth", windowStartAttribute = "window_start", networksAttribute = "networks"

    /// The `sigma_w2` axis.
    public static let sigmaW2 = DataColumn<LatticeSweepData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    /// The axis of the one-value summaries (a one-value variable is a key number of the report).
    public static let value = DataColumn<LatticeSweepData>(axis: "value", label: "", description: "a single value")
    /// The `norm` variable.
    public static let norm = DataColumn<LatticeSweepData>("norm", over: [sigmaW2], label: "|z|", description: "bulk norm |z| (window and ensemble mean)")
    /// The `norm_stderr` variable.
    public static let normStderr = DataColumn<LatticeSweepData>("norm_stderr", over: [sigmaW2], label: "δ|z|", description: "standard error of norm over networks")
    /// The `norm_predicted` variable.
    public static let normPredicted = DataColumn<LatticeSweepData>("norm_predicted", over: [sigmaW2], label: "r*",
        description: "saddle point r* (003 Eq. 13 linear, Eq. 20 ReLU: the norm of each part)")
    /// The `norm_finite_width` variable.
    public static let normFiniteWidth = DataColumn<LatticeSweepData>("norm_finite_width", over: [sigmaW2], label: "E|z|",
        description: "finite-width mean of |z| (our correction to the saddle point; not in 003)")
    /// The `r_plus` variable.
    public static let rPlus = DataColumn<LatticeSweepData>("r_plus", over: [sigmaW2], label: "r₊", description: "norm of the positive part")
    /// The `r_plus_stderr` variable.
    public static let rPlusStderr = DataColumn<LatticeSweepData>("r_plus_stderr", over: [sigmaW2], label: "δr₊", description: "its standard error")
    /// The `r_minus` variable.
    public static let rMinus = DataColumn<LatticeSweepData>("r_minus", over: [sigmaW2], label: "r₋", description: "norm of the negative part")
    /// The `r_minus_stderr` variable.
    public static let rMinusStderr = DataColumn<LatticeSweepData>("r_minus_stderr", over: [sigmaW2], label: "δr₋", description: "its standard error")
    /// The `k` variable.
    public static let k = DataColumn<LatticeSweepData>("k", over: [sigmaW2], label: "k", description: "number of positive components")
    /// The `k_stderr` variable.
    public static let kStderr = DataColumn<LatticeSweepData>("k_stderr", over: [sigmaW2], label: "δk", description: "its standard error")
    /// The `k_predicted` variable.
    public static let kPredicted = DataColumn<LatticeSweepData>("k_predicted", over: [sigmaW2], label: "k*", description: "k* = N/2 (003 section 6)")
    /// The `max_gap_saddle` variable.
    public static let maxGapSaddle = DataColumn<LatticeSweepData>("max_gap_saddle", over: [value], units: "standard errors", label: "max gap to r*",
        description: "largest |measured - saddle point| over sigma_w^2, in standard errors")
    /// The `max_gap_finite_width` variable.
    public static let maxGapFiniteWidth = DataColumn<LatticeSweepData>("max_gap_finite_width", over: [value], units: "standard errors", label: "max gap to E|z|",
        description: "largest |measured - finite-width mean| over sigma_w^2, in standard errors")
}

extension LatticeSweepData {
    public init(labelled data: LabelledData) throws {
        let hasReLUParts = data.variables.contains { $0.name == Self.rPlus.name }
        self.init(model: try data.storedValue(Self.modelAttribute), sampler: try data.storedValue(Self.samplerAttribute),
                  sb2: try data.storedValue(Self.sb2Attribute), width: try data.storedValue(Self.widthAttribute),
                  depth: try data.storedValue(Self.depthAttribute), windowStart: try data.storedValue(Self.windowStartAttribute),
                  networks: try data.storedValue(Self.networksAttribute),
                  sw2: try data.values(Self.sigmaW2), norm: try data.values(Self.norm), normStderr: try data.values(Self.normStderr),
                  normPredicted: try data.values(Self.normPredicted), normFiniteWidth: try data.values(Self.normFiniteWidth),
                  relu: hasReLUParts ? ReLUParts(rPlus: try data.values(Self.rPlus), rPlusStderr: try data.values(Self.rPlusStderr),
                                                 rMinus: try data.values(Self.rMinus), rMinusStderr: try data.values(Self.rMinusStderr),
                                                 k: try data.values(Self.k), kStderr: try data.values(Self.kStderr),
                                                 kPredicted: try data.values(Self.kPredicted)) : nil,
                  maxGapSaddle: try data.storedScalar(Self.maxGapSaddle), maxGapFiniteWidth: try data.storedScalar(Self.maxGapFiniteWidth))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "stochastic \(model) lattice network of paper 003: window averages over layers \(windowStart)-\(depth), \(networks) networks of width \(width)",
                                attributes: [Self.modelAttribute: model, Self.samplerAttribute: sampler, Self.sb2Attribute: "\(sb2)",
                                             Self.widthAttribute: "\(width)", Self.depthAttribute: "\(depth)",
                                             Self.windowStartAttribute: "\(windowStart)", Self.networksAttribute: "\(networks)"])
        data.add(Self.sigmaW2, values: sw2)
        data.add(Self.value, values: [0])
        // The summaries name what they compare: r₊ against Eq. 20 for ReLU, the norm against Eq. 13.
        let (measured, equation) = relu == nil ? ("norm", "13") : ("r_plus", "20")
        data.addVariable(Self.maxGapSaddle.name, over: Self.maxGapSaddle.dimensions, values: [maxGapSaddle], units: Self.maxGapSaddle.units,
                         description: "largest |\(measured) - saddle point| over sigma_w^2, in standard errors (003 Eq. \(equation))")
        data.addVariable(Self.maxGapFiniteWidth.name, over: Self.maxGapFiniteWidth.dimensions, values: [maxGapFiniteWidth], units: Self.maxGapFiniteWidth.units,
                         description: "largest |\(measured) - finite-width mean| over sigma_w^2, in standard errors")
        // Name order, as the file has always listed them.
        var columns: [(DataColumn<LatticeSweepData>, [Double])] = [
            (Self.norm, norm), (Self.normFiniteWidth, normFiniteWidth), (Self.normPredicted, normPredicted), (Self.normStderr, normStderr),
        ]
        if let relu {
            columns += [(Self.k, relu.k), (Self.kPredicted, relu.kPredicted), (Self.kStderr, relu.kStderr),
                        (Self.rMinus, relu.rMinus), (Self.rMinusStderr, relu.rMinusStderr), (Self.rPlus, relu.rPlus), (Self.rPlusStderr, relu.rPlusStderr)]
        }
        for (column, values) in columns.sorted(by: { $0.0.name < $1.0.name }) { data.add(variable: column, values: values) }
        return data
    }
}
