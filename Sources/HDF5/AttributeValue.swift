/// A value stored as an HDF5 attribute: a UTF-8 string (variable length, which h5py reads as
/// `str`), a number, or a 1-D array of numbers.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case double(Double)
    case int(Int)
    case doubles([Double])
    case ints([Int])

    public var description: String {
        switch self {
        case .string(let s): return s
        case .double(let d): return "\(d)"
        case .int(let i): return "\(i)"
        case .doubles(let a): return "\(a)"
        case .ints(let a): return "\(a)"
        }
    }

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The number, if this is a scalar number.
    public var double: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
}
