/// An ensemble of lattice networks of paper 003 over a σ_w² list (σ_b², width N, depth L, M
/// networks, seed): the parameters of the spectrum and trajectory stages, and the ensemble of
/// the ReLU covariance stage.
public struct LatticeEnsemble: Codable, Hashable, Sendable {
    /// Bias variance σ_b².
    public var sb2: Double
    /// The weight variances σ_w², one run of the ensemble each (each with its own seed).
    public var sw2: [Double]
    /// Width N.
    public var width: Int
    /// Depth L (the analysis window is L/2 … L).
    public var depth: Int
    /// Networks M per σ_w².
    public var networks: Int
    /// Seed of the Gaussian streams.
    public var seed: UInt64
    public init(sb2: Double, sw2: [Double], width: Int, depth: Int, networks: Int, seed: UInt64) {
        self.sb2 = sb2
        self.sw2 = sw2
        self.width = width
        self.depth = depth
        self.networks = networks
        self.seed = seed
    }

    /// The seed of the networks at σ_w² number `index`: each σ_w² its own, so that the exact
    /// sampler does not reuse one σ_w²'s Gaussians at the next and the points' errors are
    /// independent. Distinct for every index below 1 000 003 and from the next ensemble seed's.
    public func seed(forIndex index: Int) -> UInt64 { seed &* 1_000_003 &+ UInt64(index) }
}
