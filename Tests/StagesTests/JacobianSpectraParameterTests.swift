import Foundation
import Pipeline
import Simulation
@testable import Stages
import Testing

/// The isometry stage's depths are checkpoints of one pass through each network: refused up
/// front, with the fix, when they are not ascending.
@Suite("Jacobian spectra parameters")
struct JacobianSpectraParameterTests {
    static func parameters(depths: [Int]) -> JacobianSpectra.Parameters {
        .init(families: [.init(activation: .tanh, sw2: 1.1, sb2: 1e-4, weights: .orthogonal)], depths: depths, width: 16, networks: 2, seed: 1)
    }

    @Test("ascending depths pass; repeated or descending ones are refused naming the fix")
    func depthsMustAscend() throws {
        try Self.parameters(depths: [2, 8]).check()
        for depths in [[8, 2], [4, 4]] {
            #expect { try Self.parameters(depths: depths).check() } throws: { "\($0)".contains("not ascending") && "\($0)".contains("smallest first") }
        }
    }
}
