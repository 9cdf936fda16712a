/// How a network's weights are drawn (002 §4.1; Pennington et al. 2017; Xiao et al. 2018).
/// Biases are always b ~ N(0, σ_b²).
public enum WeightInitialization: String, CaseIterable, Sendable, Codable {
    /// W ~ N(0, σ_w²/fan_in), fan_in = inputs (dense) or 9·C_in (3×3 convolution).
    case gaussian
    /// σ_w times a Haar-random orthogonal matrix (orthonormal columns or rows when not square);
    /// for a convolution the whole `[9·C_in × C_out]` kernel matrix.
    case orthogonal
    /// Convolutions: zero kernel except the centre tap, σ_w times an orthogonal `C_in × C_out`
    /// matrix (Xiao et al. 2018). Dense layers (the readout) use ``orthogonal``.
    case deltaOrthogonal = "delta-orthogonal"

    /// Parses a command-line name, or throws listing the known names.
    public static func parse(_ name: String) throws -> WeightInitialization {
        guard let value = WeightInitialization(rawValue: name.lowercased()) else {
            throw TrainingError.unknownName(kind: "initialisation", name: name, known: allCases.map(\.rawValue))
        }
        return value
    }
}
