/// The measured Fourier-space covariance of the ReLU lattice fluctuations (003 Fig. 6): per
/// ``FluctuationComponent`` and band of modes, the mean over networks and its standard error.
public struct ReLUCovarianceMeasurement: Hashable, Sendable {
    /// The bands of modes the estimates average.
    public let bins: ModeBins
    /// Estimates in the order of ``FluctuationComponent/all``, each over ``ModeBins/bands``.
    public let estimates: [[Estimate]]

    /// The estimates of one component, band by band.
    public func estimates(for component: FluctuationComponent) -> [Estimate] {
        estimates[FluctuationComponent.all.firstIndex(of: component)!]
    }
}
