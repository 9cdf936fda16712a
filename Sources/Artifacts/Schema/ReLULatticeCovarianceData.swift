import Foundation
import Pipeline

/// The Fourier-space covariance Σ(q) of the fluctuations (ε̃₊, ε̃₋, ε̃_k) of the stochastic ReLU
/// network of paper 003 (Fig. 6, ``ReLULatticeCovariance``'s output): per σ_w² and band of modes,
/// each of the nine real numbers of the Hermitian 3×3 matrix measured (mean and standard error
/// over networks), from the inverse of 003 Eq. 22, and to leading order in 1/N (this project's);
/// and the gap to each theory in one number.
public struct ReLULatticeCovarianceData: LabelledSchema, Equatable {
    /// One real number of the Hermitian matrix: the three diagonal entries and the real and
    /// imaginary parts of the three upper off-diagonal ones (p = ε̃₊, m = ε̃₋, k = ε̃_k), in the
    /// order the file stores them.
    public enum Entry: String, CaseIterable, Sendable {
        case pp, mm, kk
        case pmReal = "pm_re", pkReal = "pk_re", mkReal = "mk_re"
        case pmImaginary = "pm_im", pkImaginary = "pk_im", mkImaginary = "mk_im"

        /// Its label set as math, e.g. "Re Σ₊₋".
        public var label: String {
            switch self {
            case .pp: return "Σ₊₊"
            case .mm: return "Σ₋₋"
            case .kk: return "Σkk"
            case .pmReal: return "Re Σ₊₋"
            case .pkReal: return "Re Σ₊k"
            case .mkReal: return "Re Σ₋k"
            case .pmImaginary: return "Im Σ₊₋"
            case .pkImaginary: return "Im Σ₊k"
            case .mkImaginary: return "Im Σ₋k"
            }
        }

        /// Its four columns: measured, standard error, inverse of Eq. 22, leading order.
        public var columns: EntryColumns { EntryColumns(self) }
    }

    /// The columns of one entry over (σ_w², q). The names share a stem, `cov_<entry>`, so they
    /// are built here, in one place.
    public struct EntryColumns: Sendable {
        /// Measured, mean over networks.
        public let measured: DataColumn<ReLULatticeCovarianceData>
        /// Its standard error over networks.
        public let stderr: DataColumn<ReLULatticeCovarianceData>
        /// From the inverse of 003 Eq. 22.
        public let paper: DataColumn<ReLULatticeCovarianceData>
        /// To leading order in 1/N from the layer resampling (ours).
        public let leading: DataColumn<ReLULatticeCovarianceData>

        init(_ entry: Entry) {
            let stem = "cov_" + entry.rawValue, axes = [ReLULatticeCovarianceData.sigmaW2, ReLULatticeCovarianceData.q]
            measured = DataColumn(stem, over: axes, label: entry.label, description: "measured \(entry.label)")
            stderr = DataColumn(stem + "_stderr", over: axes, label: "δ" + entry.label, description: "its standard error over networks")
            paper = DataColumn(stem + "_paper", over: axes, label: entry.label + " (Eq. 22)", description: "\(entry.label) from the inverse of 003 Eq. 22")
            leading = DataColumn(stem + "_leading", over: axes, label: entry.label + " (leading order)",
                                 description: "\(entry.label) to leading order in 1/N from the layer resampling (ours, not in 003)")
        }
    }

    /// One entry's values over (σ_w², q), row-major.
    public struct EntrySeries: Equatable, Sendable {
        /// Measured (mean over networks), its standard error, the inverse of Eq. 22, the leading order.
        public var measured: [Double], stderr: [Double], paper: [Double], leading: [Double]
        /// The four columns, each over (σ_w², q).
        public init(measured: [Double], stderr: [Double], paper: [Double], leading: [Double]) {
            self.measured = measured
            self.stderr = stderr
            self.paper = paper
            self.leading = leading
        }
    }

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
    /// Modes averaged into one band.
    public var modesPerBin: Int
    /// The sampler ("exact").
    public var sampler: String
    /// The σ_w² axis.
    public var sw2: [Double]
    /// The bands' mean wavevectors.
    public var q: [Double]
    /// Every entry's values (all nine).
    public var entries: [Entry: EntrySeries]
    /// Median |measured − inverse of Eq. 22| and |measured − leading order| in standard errors,
    /// over all entries, bands and σ_w².
    public var medianGapPaper: Double, medianGapLeading: Double
    /// Fraction of points within 3 standard errors of each theory.
    public var withinThreePaper: Double, withinThreeLeading: Double
    /// The stage that wrote the file (nil for a value being built).
    public private(set) var provenance: ArtifactProvenance?

    /// The value a producer builds (its provenance is added when the engine writes it).
    public init(sb2: Double, width: Int, depth: Int, windowStart: Int, networks: Int, modesPerBin: Int, sampler: String,
                sw2: [Double], q: [Double], entries: [Entry: EntrySeries],
                medianGapPaper: Double, medianGapLeading: Double, withinThreePaper: Double, withinThreeLeading: Double) {
        self.sb2 = sb2
        self.width = width
        self.depth = depth
        self.windowStart = windowStart
        self.networks = networks
        self.modesPerBin = modesPerBin
        self.sampler = sampler
        self.sw2 = sw2
        self.q = q
        self.entries = entries
        self.medianGapPaper = medianGapPaper
        self.medianGapLeading = medianGapLeading
        self.withinThreePaper = withinThreePaper
        self.withinThreeLeading = withinThreeLeading
    }

    /// An entry's values; every entry is present (the initialisers require all nine).
    public subscript(_ entry: Entry) -> EntrySeries { entries[entry]! }

    /// The values of σ_w² number `index` (a row of a column over (σ_w², q)).
    public func row(_ values: [Double], at index: Int) -> ArraySlice<Double> {
        values[(index * q.count)..<((index + 1) * q.count)]
    }

    private static let sb2Attribute = "sigma_b2", widthAttribute = "width", depthAttribute = "depth", windowStartAttribute = "window_start"
    private static let networksAttribute = "networks", modesPerBinAttribute = "modes_per_bin", samplerAttribute = "sampler"
    // Constant notes for readers of the file.
    private static let coordinatesAttribute = "coordinates", fourierAttribute = "fourier_convention"
    private static let coordinates = "eps+- = sqrt(2(1 - sigma_w^2/2)/sigma_b^2) (r+- - r*), eps_k = (k - N/2)/sqrt(N) (003 Eq. 21)"
    private static let fourierConvention = "eps(q) = W^-1/2 sum_l exp(+i q l) eps_l; Sigma(q) = <eps(q) eps(q)^H>"

    /// The `sigma_w2` axis.
    public static let sigmaW2 = DataColumn<ReLULatticeCovarianceData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    /// Its description names the band width, so the file's says how many modes.
    public static let q = DataColumn<ReLULatticeCovarianceData>(axis: "q", units: "rad", label: "q", description: "mean wavevector of a band of modes 2 pi j / W (j >= 1)")
    /// The axis of the one-value summaries (a one-value variable is a key number of the report).
    public static let value = DataColumn<ReLULatticeCovarianceData>(axis: "value", label: "", description: "a single value")
    /// The `median_gap_paper` variable.
    public static let medianGapPaper = DataColumn<ReLULatticeCovarianceData>("median_gap_paper", over: [value], units: "standard errors", label: "median gap to Eq. 22",
                                                                             description: "median |measured - inverse of 003 Eq. 22| over all components, bands and sigma_w^2")
    /// The `median_gap_leading` variable.
    public static let medianGapLeading = DataColumn<ReLULatticeCovarianceData>("median_gap_leading", over: [value], units: "standard errors", label: "median gap to leading order",
                                                                               description: "median |measured - leading-order covariance (ours)| over all components, bands and sigma_w^2")
    /// The `within_3se_paper` variable.
    public static let withinThreePaper = DataColumn<ReLULatticeCovarianceData>("within_3se_paper", over: [value], label: "fraction within 3 SE of Eq. 22",
                                                                               description: "fraction of points within 3 standard errors of the inverse of 003 Eq. 22")
    /// The `within_3se_leading` variable.
    public static let withinThreeLeading = DataColumn<ReLULatticeCovarianceData>("within_3se_leading", over: [value], label: "fraction within 3 SE of leading order",
                                                                                 description: "fraction of points within 3 standard errors of the leading-order covariance (ours)")
}

extension ReLULatticeCovarianceData {
    public init(labelled data: LabelledData) throws {
        var entries: [Entry: EntrySeries] = [:]
        for entry in Entry.allCases {
            let c = entry.columns
            entries[entry] = EntrySeries(measured: try data.values(c.measured), stderr: try data.values(c.stderr),
                                         paper: try data.values(c.paper), leading: try data.values(c.leading))
        }
        self.init(sb2: try data.storedValue(Self.sb2Attribute), width: try data.storedValue(Self.widthAttribute),
                  depth: try data.storedValue(Self.depthAttribute), windowStart: try data.storedValue(Self.windowStartAttribute),
                  networks: try data.storedValue(Self.networksAttribute), modesPerBin: try data.storedValue(Self.modesPerBinAttribute),
                  sampler: try data.storedValue(Self.samplerAttribute), sw2: try data.values(Self.sigmaW2), q: try data.values(Self.q),
                  entries: entries, medianGapPaper: try data.storedScalar(Self.medianGapPaper), medianGapLeading: try data.storedScalar(Self.medianGapLeading),
                  withinThreePaper: try data.storedScalar(Self.withinThreePaper), withinThreeLeading: try data.storedScalar(Self.withinThreeLeading))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "Fourier-space covariance of the ReLU lattice fluctuations (eps+, eps-, eps_k) of paper 003 Fig. 6: measured over layers \(windowStart)-\(depth), \(networks) networks of width \(width); the inverse of 003 Eq. 22 and the leading-order covariance of the resampling (ours)",
                                attributes: [Self.sb2Attribute: "\(sb2)", Self.widthAttribute: "\(width)", Self.depthAttribute: "\(depth)",
                                             Self.windowStartAttribute: "\(windowStart)", Self.networksAttribute: "\(networks)",
                                             Self.modesPerBinAttribute: "\(modesPerBin)", Self.samplerAttribute: sampler,
                                             Self.coordinatesAttribute: Self.coordinates, Self.fourierAttribute: Self.fourierConvention])
        data.add(Self.sigmaW2, values: sw2)
        data.addAxis(Self.q.name, values: q, units: Self.q.units, description: "mean wavevector of a band of \(modesPerBin) modes 2 pi j / W (j >= 1)")
        for entry in Entry.allCases {
            guard let series = entries[entry] else { throw SchemaAttributeProblem(description: "data.h5: no values for \(entry.label) (\(entry.rawValue)); the file was written by another version — rerun its stage (criticality run)") }
            let c = entry.columns
            data.add(variable: c.measured, values: series.measured)
            data.add(variable: c.stderr, values: series.stderr)
            data.add(variable: c.paper, values: series.paper)
            data.add(variable: c.leading, values: series.leading)
        }
        data.add(Self.value, values: [0])
        data.add(variable: Self.medianGapPaper, values: [medianGapPaper])
        data.add(variable: Self.medianGapLeading, values: [medianGapLeading])
        data.add(variable: Self.withinThreePaper, values: [withinThreePaper])
        data.add(variable: Self.withinThreeLeading, values: [withinThreeLeading])
        return data
    }
}
