import Artifacts

/// How a lattice data set of paper 003 was made, as the captions state it, built from the values
/// the data file holds (so a `--set` shows in the caption).
struct LatticeProtocol: Equatable {
    var width: Int
    var depth: Int
    var sb2: Double
    /// Networks per σ_w² (nil where the figure draws single trajectories and says so).
    var networks: Int?
    var windowStart: Int
    var sampler: String

    /// "N = 200, L = 256, σ_b² = 0.01, M = 8 networks, window layers 128–256, exact sampler".
    var text: String {
        var parts = ["N = \(width)", "L = \(depth)", "σ_b² = \(CaptionNumber.format(sb2))"]
        if let networks { parts.append("M = \(networks) networks") }
        parts.append("window layers \(windowStart)–\(depth)")
        parts.append("\(sampler) sampler")
        return parts.joined(separator: ", ")
    }

    /// The protocols of several inputs: one text where they agree, else each with its name.
    static func text(_ named: [(name: String, made: LatticeProtocol)]) -> String {
        guard let first = named.first?.made else { return "" }
        if named.allSatisfy({ $0.made == first }) { return first.text }
        return named.map { "\($0.name): \($0.made.text)" }.joined(separator: "; ")
    }
}

extension LatticeSweepData {
    /// How the sweep was made, for a caption.
    var latticeProtocol: LatticeProtocol {
        LatticeProtocol(width: width, depth: depth, sb2: sb2, networks: networks, windowStart: windowStart, sampler: sampler)
    }
}

extension LatticeSpectrumData {
    /// How the spectrum was made, for a caption.
    var latticeProtocol: LatticeProtocol {
        LatticeProtocol(width: width, depth: depth, sb2: sb2, networks: networks, windowStart: windowStart, sampler: sampler)
    }
}

extension LatticeTrajectoriesData {
    /// How the trajectories were made, for a caption (each trajectory is one network: no M).
    var latticeProtocol: LatticeProtocol {
        LatticeProtocol(width: width, depth: depth, sb2: sb2, networks: nil, windowStart: windowStart, sampler: sampler)
    }
}

extension ReLULatticeCovarianceData {
    /// How the covariance was measured, for a caption.
    var latticeProtocol: LatticeProtocol {
        LatticeProtocol(width: width, depth: depth, sb2: sb2, networks: networks, windowStart: windowStart, sampler: sampler)
    }
}
