/// The measured Fourier-space covariance of the ReLU lattice fluctuations (003 Fig. 6): per
/// ``FluctuationComponent`` and band of modes, the mean over networks and its standard error.
public struct ReLUCovarianceMeasurement: Codable, Hashable, Sendable {
    /// The bands of modes the estimates average.
    public let bins: ModeBins
    /// Estimates in the order of ``FluctuationComponent/all``, each over ``ModeBins/bands``.
    public let estimates: [[Estimate]]

    /// The estimates of one component, band by band.
    public func estimates(for component: FluctuationComponent) -> [Estimate] {
        estimates[FluctuationComponent.all.firstIndex(of: component)!]
    }

    /// |measured − theory| / standard error for every component and band (bands with a zero
    /// standard error, a single network, are left out); `theory` is per band.
    public func gaps(to theory: [FieldCovariance]) -> [Double] {
        FluctuationComponent.all.flatMap { component in
            estimates(for: component).enumerated().compactMap { b, e in
                e.standardError > 0 ? abs(e.mean - theory[b].value(component)) / e.standardError : nil
            }
        }
    }
}
