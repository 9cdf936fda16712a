/// How big a run is: `quick` for tests and CI (seconds), `default` for `make figures` on a laptop
/// (minutes), `paper` for the papers' full grids (hours, or a cluster).
///
/// The profile only chooses parameter values, so each profile gets its own cache entries.
///
/// ```swift
/// let points = profile.pick(quick: 20, default: 200, paper: 2000)
/// ```
public enum Profile: String, Codable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case quick
    case `default`
    case paper

    /// The value for this profile.
    public func pick<T>(quick: T, default defaultValue: T, paper: T) -> T {
        switch self {
        case .quick: return quick
        case .default: return defaultValue
        case .paper: return paper
        }
    }

    public var description: String { rawValue }
}
