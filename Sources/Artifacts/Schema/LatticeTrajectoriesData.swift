import Foundation
import Pipeline

/// Norm trajectories |z^l| of a few linear lattice networks of paper 003 per σ_w² (Fig. 7,
/// ``LatticeTrajectories``'s output): the transient from the random input and the bulk the
/// analysis window averages, next to the saddle point r*.
public struct LatticeTrajectoriesData: LabelledSchema, Equatable {
    /// Bias variance σ_b².
    public var sb2: Double
    /// Width N.
    public var width: Int
    /// First layer of the analysis window (it ends at the last layer).
    public var windowStart: Int
    /// The sampler: "exact" or "dense" (``Simulation/Sampler``'s raw value).
    public var sampler: String
    /// The σ_w² axis.
    public var sw2: [Double]
    /// Networks drawn per σ_w² (their indices 0, 1, …).
    public var networks: Int
    /// Layers 0 (the random input) … L.
    public var layers: [Double]
    /// |z^l| over (σ_w², network, layer), row-major.
    public var norm: [Double]
    /// The saddle point r* per σ_w² (003 Eq. 13).
    public var normPredicted: [Double]
    /// Per σ_w²: the first layer at which the ensemble-mean norm is within one bulk spread of the
    /// bulk mean (``Simulation/LatticeTransient``); NaN if none before the window.
    public var transientEnd: [Double]
    /// Per σ_w²: the same layer from the mean-field variance map (this project's prediction).
    public var transientEndPredicted: [Double]
    /// Per σ_w²: the standard deviation of |z^l| over the analysis window and the networks.
    public var bulkSpread: [Double]
    /// The stage that wrote the file (nil for a value being built).
    public private(set) var provenance: ArtifactProvenance?

    /// The value a producer builds (its provenance is added when the engine writes it).
    public init(sb2: Double, width: Int, windowStart: Int, sampler: String, sw2: [Double], networks: Int, layers: [Double], norm: [Double], normPredicted: [Double],
                transientEnd: [Double], transientEndPredicted: [Double], bulkSpread: [Double]) {
        self.sb2 = sb2
        self.width = width
        self.windowStart = windowStart
        self.sampler = sampler
        self.sw2 = sw2
        self.networks = networks
        self.layers = layers
        self.norm = norm
        self.normPredicted = normPredicted
        self.transientEnd = transientEnd
        self.transientEndPredicted = transientEndPredicted
        self.bulkSpread = bulkSpread
    }

    /// The depth L (the last layer).
    public var depth: Int { Int(layers.last ?? 0) }

    /// Network `network`'s trajectory at σ_w² number `index`.
    public func trajectory(sw2 index: Int, network: Int) -> ArraySlice<Double> {
        let start = (index * networks + network) * layers.count
        return norm[start..<(start + layers.count)]
    }

    private static let sb2Attribute = "sigma_b2", widthAttribute = "width", windowStartAttribute = "window_start", samplerAttribute = "sampler"

    /// The `sigma_w2` axis.
    public static let sigmaW2 = DataColumn<LatticeTrajectoriesData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    /// The `network` axis.
    public static let network = DataColumn<LatticeTrajectoriesData>(axis: "network", label: "network", description: "network index")
    /// The `layer` axis.
    public static let layer = DataColumn<LatticeTrajectoriesData>(axis: "layer", units: "layers", label: "l", description: "layer l (0: the random input)")
    /// The `norm` variable.
    public static let norm = DataColumn<LatticeTrajectoriesData>("norm", over: [sigmaW2, network, layer], label: "|z^l|", description: "|z^l|")
    /// The `norm_predicted` variable.
    public static let normPredicted = DataColumn<LatticeTrajectoriesData>("norm_predicted", over: [sigmaW2], label: "r*", description: "saddle point r* (003 Eq. 13)")
    /// The `transient_end` variable.
    public static let transientEnd = DataColumn<LatticeTrajectoriesData>(
        "transient_end", over: [sigmaW2], units: "layers", label: "l_t",
        description: "first layer at which the ensemble-mean norm is within one bulk spread of the bulk mean (layers L/2..L); NaN if none before the window")
    /// The `transient_end_predicted` variable.
    public static let transientEndPredicted = DataColumn<LatticeTrajectoriesData>(
        "transient_end_predicted", over: [sigmaW2], units: "layers", label: "l_t (mean field)",
        description: "the same layer from the variance map q^l = sigma_w^2 q^(l-1) + sigma_b^2 started at the inputs' mean |z^0|^2/N (this project's prediction, not in 003)")
    /// The `bulk_spread` variable.
    public static let bulkSpread = DataColumn<LatticeTrajectoriesData>(
        "bulk_spread", over: [sigmaW2], label: "sd |z^l|", description: "standard deviation of |z^l| over the analysis window and the networks")
}

extension LatticeTrajectoriesData {
    public init(labelled data: LabelledData) throws {
        self.init(sb2: try data.storedValue(Self.sb2Attribute), width: try data.storedValue(Self.widthAttribute),
                  windowStart: try data.storedValue(Self.windowStartAttribute),
                  sampler: try data.storedValue(Self.samplerAttribute), sw2: try data.values(Self.sigmaW2),
                  networks: try data.values(Self.network).count, layers: try data.values(Self.layer),
                  norm: try data.values(Self.norm), normPredicted: try data.values(Self.normPredicted),
                  transientEnd: try data.values(Self.transientEnd), transientEndPredicted: try data.values(Self.transientEndPredicted),
                  bulkSpread: try data.values(Self.bulkSpread))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "norm trajectories of linear lattice networks (paper 003 Fig. 7): transient and analysis window",
                                attributes: [Self.sb2Attribute: "\(sb2)", Self.widthAttribute: "\(width)", Self.windowStartAttribute: "\(windowStart)",
                                             Self.samplerAttribute: sampler])
        data.add(Self.sigmaW2, values: sw2)
        data.add(Self.network, values: (0..<networks).map(Double.init))
        data.add(Self.layer, values: layers)
        data.add(variable: Self.norm, values: norm)
        data.add(variable: Self.normPredicted, values: normPredicted)
        data.add(variable: Self.transientEnd, values: transientEnd)
        data.add(variable: Self.transientEndPredicted, values: transientEndPredicted)
        data.add(variable: Self.bulkSpread, values: bulkSpread)
        return data
    }
}
