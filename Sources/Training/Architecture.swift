/// The two network families of 002 §4.1.
public enum Architecture: String, CaseIterable, Sendable, Codable {
    /// Depth D hidden dense layers of width W, each followed by φ, then a linear readout.
    case mlp
    /// A 3×3 lift convolution to C channels, two stride-2 3×3 convolutions, D − 3 stride-1 3×3
    /// convolutions (each followed by φ; D convolutions in all, so D ≥ 3), global average
    /// pooling and a linear readout.
    case cnn

    /// Parses a command-line name, or throws listing the known names.
    public static func parse(_ name: String) throws -> Architecture {
        guard let value = Architecture(rawValue: name.lowercased()) else {
            throw TrainingError.unknownName(kind: "architecture", name: name, known: allCases.map(\.rawValue))
        }
        return value
    }

    /// The smallest depth the architecture can be built with.
    public var minimumDepth: Int { self == .cnn ? 3 : 1 }
}
