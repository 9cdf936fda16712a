/// An ensemble of lattice networks of paper 003 over a σ_w² list (σ_b², width N, depth L, M
/// networks, seed): the parameters of the spectrum and trajectory stages, and the ensemble of
/// the ReLU covariance stage.
public struct LatticeEnsemble: Codable, Hashable, Sendable {
    public var sb2: Double
    public var sw2: [Double]
    public var width: Int
    public var depth: Int
    public var networks: Int
    public var seed: UInt64
    public init(sb2: Double, sw2: [Double], width: Int, depth: Int, networks: Int, seed: UInt64) {
        self.sb2 = sb2
        self.sw2 = sw2
        self.width = width
        self.depth = depth
        self.networks = networks
        self.seed = seed
    }
}
