import Foundation
import Pipeline

/// q^l and c^l for l = 0…L from given q⁰ and c⁰ (002 Eqs. 3, 5–7) for several σ_w², with the
/// fixed points q* and c* they approach, χ₁, the depth scales ξ_q and ξ_c, and the critical σ_w²
/// at this σ_b² (so a reader can place each σ_w² against the edge of chaos). Written by
/// `LayerTrajectories`; read by the layer-maps and depth-scales figures.
public struct LayerTrajectoriesData: LabelledSchema, Equatable {
    /// The activation's name.
    public var activation: String
    public var sb2: Double
    /// The input's squared length per neuron, q⁰.
    public var q0: Double
    /// The two inputs' correlation, c⁰.
    public var c0: Double
    /// σ_w² where χ₁ = 1 at this σ_b² (NaN where there is none).
    public var criticalSw2: Double
    /// The σ_w² axis.
    public var sw2: [Double]
    /// Layers 0…L.
    public var layers: [Double]
    /// Row-major over (σ_w², layer).
    public var q: [Double]
    public var c: [Double]
    /// Per σ_w².
    public var qStar: [Double]
    public var cStar: [Double]
    public var chi1: [Double]
    public var xiQ: [Double]
    public var xiC: [Double]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// Trajectories, as the producer computed them.
    public init(activation: String, sb2: Double, q0: Double, c0: Double, criticalSw2: Double, sw2: [Double], layers: [Double],
                q: [Double], c: [Double], qStar: [Double], cStar: [Double], chi1: [Double], xiQ: [Double], xiC: [Double]) {
        self.activation = activation
        self.sb2 = sb2
        self.q0 = q0
        self.c0 = c0
        self.criticalSw2 = criticalSw2
        self.sw2 = sw2
        self.layers = layers
        self.q = q
        self.c = c
        self.qStar = qStar
        self.cStar = cStar
        self.chi1 = chi1
        self.xiQ = xiQ
        self.xiC = xiC
    }

    public static let sigmaW2 = DataColumn<LayerTrajectoriesData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    public static let layer = DataColumn<LayerTrajectoriesData>(axis: "layer", units: "layers", label: "l", description: "layer l (0 is the input)")
    public static let q = DataColumn<LayerTrajectoriesData>("q", over: [sigmaW2, layer], label: "qˡ", description: "q^l, the squared length per neuron")
    public static let c = DataColumn<LayerTrajectoriesData>("c", over: [sigmaW2, layer], label: "cˡ", description: "c^l, the correlation of the two inputs")
    public static let qStar = DataColumn<LayerTrajectoriesData>("q_star", over: [sigmaW2], label: "q*", description: "fixed point q*")
    public static let cStar = DataColumn<LayerTrajectoriesData>("c_star", over: [sigmaW2], label: "c*", description: "stable fixed point c*")
    public static let chi1 = DataColumn<LayerTrajectoriesData>("chi1", over: [sigmaW2], label: "χ₁", description: "chi_1 at q* (Eq. 8): < 1 ordered, > 1 chaotic")
    public static let xiQ = DataColumn<LayerTrajectoriesData>("xi_q", over: [sigmaW2], units: "layers", label: "ξ_q", description: "depth scale of q^l -> q* (Eq. 9)")
    public static let xiC = DataColumn<LayerTrajectoriesData>("xi_c", over: [sigmaW2], units: "layers", label: "ξ_c",
                                                              description: "depth scale of c^l -> c* (Eq. 10); infinite on the critical line")

    static let q0Attribute = "q0"
    static let c0Attribute = "c0"
    static let criticalAttribute = "sigma_w2_critical"

    /// The trajectory of q (or of c, given ``c``) at the `index`-th σ_w².
    public func trajectory(_ values: [Double], at index: Int) -> [Double] {
        Array(values[(index * layers.count)..<((index + 1) * layers.count)])
    }

    public init(labelled data: LabelledData) throws {
        self.init(activation: try data.storedAttribute(MeanFieldCurveData.activationAttribute), sb2: try data.storedNumber(MeanFieldCurveData.sb2Attribute),
                  q0: try data.storedNumber(Self.q0Attribute), c0: try data.storedNumber(Self.c0Attribute),
                  criticalSw2: try data.storedNumber(Self.criticalAttribute), sw2: try data.values(Self.sigmaW2), layers: try data.values(Self.layer),
                  q: try data.values(Self.q), c: try data.values(Self.c), qStar: try data.values(Self.qStar), cStar: try data.values(Self.cStar),
                  chi1: try data.values(Self.chi1), xiQ: try data.values(Self.xiQ), xiC: try data.values(Self.xiC))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "layer maps of \(activation) from q0 = \(q0), c0 = \(c0), sigma_b^2 = \(sb2)",
                                attributes: [MeanFieldCurveData.activationAttribute: activation, MeanFieldCurveData.sb2Attribute: "\(sb2)",
                                             Self.q0Attribute: "\(q0)", Self.c0Attribute: "\(c0)", Self.criticalAttribute: "\(criticalSw2)"])
        data.add(Self.sigmaW2, values: sw2)
        data.add(Self.layer, values: layers)
        for (column, values) in [(Self.q, q), (Self.c, c), (Self.qStar, qStar), (Self.cStar, cStar), (Self.chi1, chi1), (Self.xiQ, xiQ), (Self.xiC, xiC)] {
            data.add(variable: column, values: values)
        }
        return data
    }
}
