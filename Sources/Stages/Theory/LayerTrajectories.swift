import Foundation
import MeanField
import Pipeline
import Artifacts

/// q^l and c^l for l = 0…L from given q⁰ and c⁰ (002 Eqs. 3, 5–7) for several σ_w², with the
/// fixed points q* and c* they approach.
public struct LayerTrajectories: Stage {
    /// Which trajectories.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sb2: Double
        public var sw2: [Double]
        public var q0: Double
        public var c0: Double
        public var layers: Int
        public init(activation: Activation, sb2: Double, sw2: [Double], q0: Double, c0: Double, layers: Int) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
            self.q0 = q0
            self.c0 = c0
            self.layers = layers
        }
    }

    public static let kind = "theory.layer-trajectories"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LayerTrajectoriesData {
        let p = parameters
        var q: [Double] = [], c: [Double] = [], qStar: [Double] = [], cStar: [Double] = []
        var chi1: [Double] = [], xiQ: [Double] = [], xiC: [Double] = []
        for w in p.sw2 {
            let t = try LayerTrajectory(activation: p.activation, weightVariance: w, biasVariance: p.sb2, q0: p.q0, c0: p.c0, layers: p.layers)
            q += t.q
            c += t.c
            let point = try MeanFieldPoint(activation: p.activation, weightVariance: w, biasVariance: p.sb2)
            qStar.append(point.qStar ?? .nan)
            cStar.append(point.cStar ?? .nan)
            chi1.append(point.chi1 ?? .nan)
            xiQ.append(point.xiQ ?? .nan)
            xiC.append(point.xiC ?? .nan)
        }
        // The edge of chaos at this σ_b², so a reader (and the figure) can place each σ_w².
        let critical = (try? CriticalLine.point(activation: p.activation, biasVariance: p.sb2).weightVariance) ?? .nan
        return LayerTrajectoriesData(activation: p.activation.rawValue, sb2: p.sb2, q0: p.q0, c0: p.c0, criticalSw2: critical, sw2: p.sw2,
                                     layers: (0...p.layers).map(Double.init), q: q, c: c, qStar: qStar, cStar: cStar, chi1: chi1, xiQ: xiQ, xiC: xiC)
    }
}
