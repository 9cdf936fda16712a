import Foundation
import Pipeline

/// The Fourier-mode spectrum of the linear lattice network of paper 003 (Fig. 4,
/// ``LatticeSpectrum``'s output): per σ_w² and wavevector q, the measured variance ⟨|ε_q|²⟩/W
/// of the norm fluctuations over the analysis window, its standard error over networks, and
/// the spectrum 003 Eq. 15 implies.
public struct LatticeSpectrumData: LabelledSchema, Equatable {
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
    /// The sampler: "exact" or "dense" (``Simulation/Sampler``'s raw value).
    public var sampler: String
    /// The σ_w² axis.
    public var sw2: [Double]
    /// The wavevectors q = 2πj/W of the window's modes.
    public var q: [Double]
    /// Measured ⟨|ε_q|²⟩/W over (σ_w², q), row-major.
    public var modeVariance: [Double]
    /// Its standard error over networks.
    public var modeVarianceStderr: [Double]
    /// 003 Eq. 15.
    public var modeVariancePredicted: [Double]
    /// The stage that wrote the file (nil for a value being built).
    public private(set) var provenance: ArtifactProvenance?

    /// The value a producer builds (its provenance is added when the engine writes it).
    public init(sb2: Double, width: Int, depth: Int, windowStart: Int, networks: Int, sampler: String, sw2: [Double], q: [Double],
                modeVariance: [Double], modeVarianceStderr: [Double], modeVariancePredicted: [Double]) {
        self.sb2 = sb2
        self.width = width
        self.depth = depth
        self.windowStart = windowStart
        self.networks = networks
        self.sampler = sampler
        self.sw2 = sw2
        self.q = q
        self.modeVariance = modeVariance
        self.modeVarianceStderr = modeVarianceStderr
        self.modeVariancePredicted = modeVariancePredicted
    }

    /// The values of σ_w² number `index` (a row of a column over (σ_w², q)).
    public func row(_ values: [Double], at index: Int) -> ArraySlice<Double> {
        values[(index * q.count)..<((index + 1) * q.count)]
    }

    private static let sb2Attribute = "sigma_b2", widthAttribute = "width", depthAttribute = "depth"
    private static let windowStartAttribute = "window_start", networksAttribute = "networks", samplerAttribute = "sampler"

    /// The `sigma_w2` axis.
    public static let sigmaW2 = DataColumn<LatticeSpectrumData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    /// The `q` axis.
    public static let q = DataColumn<LatticeSpectrumData>(axis: "q", units: "rad", label: "q", description: "wavevector 2 pi j / W along the depth window")
    /// The `mode_variance` variable.
    public static let modeVariance = DataColumn<LatticeSpectrumData>("mode_variance", over: [sigmaW2, q], label: "⟨|ε_q|²⟩/W",
                                                                     description: "measured <|eps_q|^2>/W")
    /// The `mode_variance_stderr` variable.
    public static let modeVarianceStderr = DataColumn<LatticeSpectrumData>("mode_variance_stderr", over: [sigmaW2, q], label: "δ⟨|ε_q|²⟩/W",
                                                                           description: "its standard error over networks")
    /// The `mode_variance_predicted` variable.
    public static let modeVariancePredicted = DataColumn<LatticeSpectrumData>("mode_variance_predicted", over: [sigmaW2, q], label: "⟨|ε_q|²⟩/W (Eq. 15)",
                                                                              description: "003 Eq. 15")
}

extension LatticeSpectrumData {
    public init(labelled data: LabelledData) throws {
        self.init(sb2: try data.storedValue(Self.sb2Attribute), width: try data.storedValue(Self.widthAttribute),
                  depth: try data.storedValue(Self.depthAttribute), windowStart: try data.storedValue(Self.windowStartAttribute),
                  networks: try data.storedValue(Self.networksAttribute), sampler: try data.storedValue(Self.samplerAttribute), sw2: try data.values(Self.sigmaW2), q: try data.values(Self.q),
                  modeVariance: try data.values(Self.modeVariance), modeVarianceStderr: try data.values(Self.modeVarianceStderr),
                  modeVariancePredicted: try data.values(Self.modeVariancePredicted))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "Fourier-mode variance of the norm fluctuations of the linear lattice network (paper 003 Fig. 4, Eq. 15)",
                                attributes: [Self.sb2Attribute: "\(sb2)", Self.widthAttribute: "\(width)", Self.depthAttribute: "\(depth)",
                                             Self.windowStartAttribute: "\(windowStart)", Self.networksAttribute: "\(networks)",
                                             Self.samplerAttribute: sampler])
        data.add(Self.sigmaW2, values: sw2)
        data.add(Self.q, values: q)
        data.add(variable: Self.modeVariance, values: modeVariance)
        data.add(variable: Self.modeVarianceStderr, values: modeVarianceStderr)
        data.add(variable: Self.modeVariancePredicted, values: modeVariancePredicted)
        return data
    }
}
