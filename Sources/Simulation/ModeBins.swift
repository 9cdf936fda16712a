import Foundation

/// Bands of adjacent Fourier modes q_j = 2πj/W, j = 1 … ⌊W/2⌋, `modesPerBin` to a band (the last
/// band may be shorter). The mode j = 0 is left out: it carries the window mean, whose O(1/N)
/// offset from the saddle point (003 Fig. 5) is not a fluctuation. Averaging a band of modes cuts
/// the noise of a periodogram by √(modes per band) at the cost of resolution in q.
public struct ModeBins: Hashable, Sendable, Codable {
    /// W, the window length in layers.
    public let windowLength: Int
    /// Modes per band.
    public let modesPerBin: Int

    /// Bands over the window of `windowLength` layers.
    public init(windowLength: Int, modesPerBin: Int) throws {
        try SimulationError.check(count: windowLength, name: "analysis window length", minimum: 3)
        try SimulationError.check(count: modesPerBin, name: "modes per band (--modes-per-bin)", minimum: 1)
        self.windowLength = windowLength
        self.modesPerBin = modesPerBin
    }

    /// The mode indices j of each band.
    public var bands: [Range<Int>] {
        let last = windowLength / 2
        return stride(from: 1, through: last, by: modesPerBin).map { $0..<min($0 + modesPerBin, last + 1) }
    }

    /// q_j = 2πj/W.
    public func wavevector(_ j: Int) -> Double { 2 * Double.pi * Double(j) / Double(windowLength) }

    /// The mean wavevector of each band.
    public var centres: [Double] { bands.map { band in band.map(wavevector).reduce(0, +) / Double(band.count) } }
}
