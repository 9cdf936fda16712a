/// The three fluctuation fields of the stochastic ReLU network (003 §6) in the paper's normal
/// coordinates (003 Eq. 21): ε̃₊ and ε̃₋, the scaled deviations of the norms of the positive and
/// negative parts from r*±, and ε̃_k, the scaled deviation of the number of positive components
/// from N/2. The raw values are the field's index in ``FieldCovariance``.
public enum FluctuationField: Int, CaseIterable, Sendable {
    case plus = 0, minus, k

    /// The symbol used in dataset names: p, m, k.
    public var symbol: String {
        switch self {
        case .plus: return "p"
        case .minus: return "m"
        case .k: return "k"
        }
    }
}

/// One real number of a Hermitian 3×3 covariance: its three (real) diagonal entries and the real
/// and imaginary parts of its three upper off-diagonal entries: nine numbers that determine it.
public struct FluctuationComponent: Hashable, Sendable, CustomStringConvertible {
    /// Which part of the complex entry.
    public enum Part: String, Hashable, Sendable { case real = "re", imaginary = "im" }

    /// The entry's row field.
    public let row: FluctuationField
    /// The entry's column field.
    public let column: FluctuationField
    /// Real or imaginary part (diagonal entries are real).
    public let part: Part

    /// The component (row, column, part); a diagonal entry is real.
    public init(row: FluctuationField, column: FluctuationField, part: Part) {
        self.row = row
        self.column = column
        self.part = part
    }

    /// The nine components: pp, mm, kk, then pm, pk, mk (real, imaginary).
    public static let all: [FluctuationComponent] = {
        let diagonal = FluctuationField.allCases.map { FluctuationComponent(row: $0, column: $0, part: .real) }
        let pairs: [(FluctuationField, FluctuationField)] = [(.plus, .minus), (.plus, .k), (.minus, .k)]
        return diagonal + [Part.real, .imaginary].flatMap { part in pairs.map { FluctuationComponent(row: $0.0, column: $0.1, part: part) } }
    }()

    /// The name used for datasets: "pp", "pm_re", "mk_im", … (p = ε̃₊, m = ε̃₋, k = ε̃_k).
    public var name: String {
        let pair = row.symbol + column.symbol
        return row == column ? pair : "\(pair)_\(part.rawValue)"
    }

    /// A label for figures, e.g. "Re Σ₊₋".
    public var label: String {
        let sub: [FluctuationField: String] = [.plus: "₊", .minus: "₋", .k: "k"]
        let entry = "Σ\(sub[row]!)\(sub[column]!)"
        return row == column ? entry : (part == .real ? "Re " : "Im ") + entry
    }

    /// The dataset name, ``name``.
    public var description: String { name }
}
