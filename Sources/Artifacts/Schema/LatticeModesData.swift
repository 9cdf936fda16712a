import Foundation

/// The linear lattice network's Fourier modes ε_q of its window fluctuations about r* (paper 003
/// Appendix 8.3, Figs. 7(b), 8, 9): per network and mode, their histograms at a few q against
/// the Gaussian of 003 Eq. 15, and over networks the mean of ε_q and ⟨ε_q†ε_q⟩ with standard
/// errors against their predictions.
///
/// Written by `LatticeModes`, read by the general figures, which pick arrays by column:
///
/// ```swift
/// PlottedSeries(modes, x: LatticeModesData.wavevector, y: LatticeModesData.variance,
///               error: LatticeModesData.varianceStderr)
/// ```
public struct LatticeModesData: LabelledSchema, DerivedColumns, Equatable {
    // MARK: Columns

    /// Weight variance σ_w² (one ensemble each).
    public static let sigmaW2 = DataColumn<LatticeModesData>(axis: "sigma_w2", units: "1", label: "σ_w²", description: "weight variance σ_w²")
    /// The network's index in the ensemble.
    public static let network = DataColumn<LatticeModesData>(axis: "network", units: "1", label: "network", description: "network index")
    /// q = 2πj/W, j = 0 … W/2.
    public static let wavevector = DataColumn<LatticeModesData>(axis: "q", units: "rad", label: "q", description: "wavevector q = 2πj/W along the analysis window")
    /// The modes whose histograms are kept (the mode nearest each requested q).
    public static let histogramWavevector = DataColumn<LatticeModesData>(axis: "histogram_q", units: "rad", label: "q", description: "wavevectors whose histograms are kept")
    /// A histogram bin's index.
    public static let bin = DataColumn<LatticeModesData>(axis: "bin", units: "1", label: "bin", description: "histogram bin index")

    /// Re ε_q per network.
    public static let realPart = DataColumn<LatticeModesData>("eps_real", over: [sigmaW2, network, wavevector], units: "1", label: "Re ε_q",
                                                              description: "Re ε_q = W^(−1/2) Σ_l (r_l − r*) cos(ql), per network")
    /// Im ε_q per network.
    public static let imaginaryPart = DataColumn<LatticeModesData>("eps_imag", over: [sigmaW2, network, wavevector], units: "1", label: "Im ε_q",
                                                                   description: "Im ε_q, per network")
    /// ⟨Re ε_q⟩ over networks.
    public static let meanReal = DataColumn<LatticeModesData>("mean_real", over: [sigmaW2, wavevector], units: "1", label: "⟨Re ε_q⟩", description: "⟨Re ε_q⟩ over networks")
    /// Its standard error.
    public static let meanRealStderr = DataColumn<LatticeModesData>("mean_real_stderr", over: [sigmaW2, wavevector], units: "1", label: "s.e. of ⟨Re ε_q⟩", description: "its standard error")
    /// ⟨Im ε_q⟩ over networks.
    public static let meanImaginary = DataColumn<LatticeModesData>("mean_imag", over: [sigmaW2, wavevector], units: "1", label: "⟨Im ε_q⟩", description: "⟨Im ε_q⟩ over networks")
    /// Its standard error.
    public static let meanImaginaryStderr = DataColumn<LatticeModesData>("mean_imag_stderr", over: [sigmaW2, wavevector], units: "1", label: "s.e. of ⟨Im ε_q⟩", description: "its standard error")
    /// The expected ε_q: √W (E r − r*) at q = 0, 0 elsewhere.
    public static let meanPredicted = DataColumn<LatticeModesData>("mean_predicted", over: [sigmaW2, wavevector], units: "1", label: "E ε_q",
                                                                   description: "expected ε_q: √W (E r − r*) at q = 0 (finite-width offset, this project), 0 elsewhere")
    /// ⟨ε_q†ε_q⟩ over networks.
    public static let variance = DataColumn<LatticeModesData>("variance", over: [sigmaW2, wavevector], units: "1", label: "⟨ε_q†ε_q⟩", description: "⟨ε_q† ε_q⟩ over networks")
    /// Its standard error.
    public static let varianceStderr = DataColumn<LatticeModesData>("variance_stderr", over: [sigmaW2, wavevector], units: "1", label: "s.e. of ⟨ε_q†ε_q⟩", description: "its standard error")
    /// S(q) of 003 Eq. 15.
    public static let variancePredicted = DataColumn<LatticeModesData>("variance_predicted", over: [sigmaW2, wavevector], units: "1", label: "S(q)", description: "S(q) of 003 Eq. 15")
    /// A histogram's bin centres.
    public static let histogramX = DataColumn<LatticeModesData>("histogram_x", over: [sigmaW2, histogramWavevector, bin], units: "1", label: "Re ε_q, Im ε_q",
                                                                description: "bin centre (value of Re or Im ε_q)")
    /// The measured density in each bin.
    public static let histogramDensity = DataColumn<LatticeModesData>("histogram_density", over: [sigmaW2, histogramWavevector, bin], units: "1", label: "density",
                                                                      description: "density of the real and imaginary parts of ε_q (real part only at q = 0, π)")
    /// The Gaussian density Eq. 15 implies at each bin centre.
    public static let histogramGaussian = DataColumn<LatticeModesData>("histogram_gaussian", over: [sigmaW2, histogramWavevector, bin], units: "1", label: "Gaussian of Eq. 15",
                                                                       description: "the Gaussian density Eq. 15 implies")
    /// The Kolmogorov–Smirnov distance of each histogram's standardised samples from N(0, 1).
    public static let ksDistance = DataColumn<LatticeModesData>("ks_distance", over: [sigmaW2, histogramWavevector], units: "1", label: "D",
                                                                description: "Kolmogorov–Smirnov distance of the standardised parts from N(0, 1)")
    /// The 5 % critical distance.
    public static let ksCritical = DataColumn<LatticeModesData>("ks_critical", over: [sigmaW2, histogramWavevector], units: "1", label: "D₀.₀₅",
                                                                description: "the 5 % critical distance 1.358/√n")
    /// |ε_q|² per network: not stored, derived from Re ε_q and Im ε_q when a figure reads it.
    public static let power = DataColumn<LatticeModesData>("eps_power", over: [sigmaW2, network, wavevector], units: "1", label: "|ε_q|²",
                                                           description: "|ε_q|² = (Re ε_q)² + (Im ε_q)², per network (derived)")

    /// The columns stored in `data.h5`, in the order they are written (the file's bytes depend on it).
    static let storedAxes = [sigmaW2, network, wavevector, histogramWavevector, bin]
    static let storedVariables = [realPart, imaginaryPart, meanReal, meanRealStderr, meanImaginary, meanImaginaryStderr, meanPredicted,
                                  variance, varianceStderr, variancePredicted, histogramX, histogramDensity, histogramGaussian, ksDistance, ksCritical]

    /// Root attributes: what the ensemble was (written as text, as h5py users have read them).
    enum Attribute {
        static let sigmaB2 = "sigma_b2", width = "width", depth = "depth", networks = "networks", windowStart = "window_start", seed = "seed"
    }

    // MARK: Values

    /// σ_b².
    public var sigmaB2: Double
    /// N, the layer width.
    public var width: Int
    /// L, the number of layers.
    public var depth: Int
    /// M, networks per σ_w².
    public var networks: Int
    /// The first layer of the analysis window (the window runs to `depth`).
    public var windowStart: Int
    /// The ensemble's seed.
    public var seed: UInt64
    /// Every stored column's values (row-major over its axes).
    public var values: [DataColumn<LatticeModesData>: [Double]]

    /// A value from its parts; `values` must hold every stored column (a programming error
    /// otherwise, caught by the producer's tests).
    public init(sigmaB2: Double, width: Int, depth: Int, networks: Int, windowStart: Int, seed: UInt64, values: [DataColumn<LatticeModesData>: [Double]]) {
        let missing = (Self.storedAxes + Self.storedVariables).filter { values[$0] == nil }.map(\.name)
        precondition(missing.isEmpty, "LatticeModesData needs values for \(missing.joined(separator: ", "))")
        self.sigmaB2 = sigmaB2
        self.width = width
        self.depth = depth
        self.networks = networks
        self.windowStart = windowStart
        self.seed = seed
        self.values = values
    }

    /// The values of a stored column.
    public subscript(column: DataColumn<LatticeModesData>) -> [Double] { values[column] ?? [] }

    public init(labelled data: LabelledData) throws {
        func attribute<T: LosslessStringConvertible>(_ name: String) throws -> T {
            guard let text = data.attributes[name], let value = T(text) else {
                throw SchemaMismatch(column: "@" + name, expected: ["a number"], found: [data.attributes[name] ?? "nothing"])
            }
            return value
        }
        var values: [DataColumn<LatticeModesData>: [Double]] = [:]
        for column in Self.storedAxes + Self.storedVariables { values[column] = try data.values(column) }
        self.init(sigmaB2: try attribute(Attribute.sigmaB2), width: try attribute(Attribute.width), depth: try attribute(Attribute.depth),
                  networks: try attribute(Attribute.networks), windowStart: try attribute(Attribute.windowStart), seed: try attribute(Attribute.seed),
                  values: values)
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(
            description: "Fourier modes of the linear lattice network's window fluctuations about r* (paper 003 Appendix 8.3, Figs. 7(b), 8, 9; Eq. 15)",
            attributes: [Attribute.sigmaB2: "\(sigmaB2)", Attribute.width: "\(width)", Attribute.depth: "\(depth)", Attribute.networks: "\(networks)",
                         Attribute.windowStart: "\(windowStart)", Attribute.seed: "\(seed)"])
        for axis in Self.storedAxes { data.add(axis, values: self[axis]) }
        for variable in Self.storedVariables { data.add(variable: variable, values: self[variable]) }
        return data
    }

    public static func addDerivedColumns(to data: inout LabelledData) throws {
        let real = try data.values(realPart), imaginary = try data.values(imaginaryPart)
        data.add(variable: power, values: zip(real, imaginary).map { $0 * $0 + $1 * $1 })
    }
}
