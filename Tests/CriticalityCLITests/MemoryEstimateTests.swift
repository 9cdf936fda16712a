import Testing
import Training
@testable import CriticalityCLI

/// The preflight memory estimates refuse absurd sizes without refusing the papers' own runs on a
/// laptop: each of those is estimated under 4 GB, each absurd size far above any machine.
struct MemoryEstimateTests {
    static func config(_ architecture: Architecture, depth: Int, width: Int, batch: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.architecture = architecture; c.depth = depth; c.width = width; c.batchSize = batch
        return c
    }

    @Test func papersRunsFitAndAbsurdSizesDoNot() {
        // 002 §4.1's MLP, the deepest trainability cells, and the CNN of 002 Fig. 4.
        for c in [Self.config(.mlp, depth: 20, width: 300, batch: 256), Self.config(.mlp, depth: 300, width: 300, batch: 256),
                  Self.config(.cnn, depth: 8, width: 64, batch: 256), Self.config(.cnn, depth: 100, width: 64, batch: 128)] {
            #expect(MemoryEstimate.trainingBytes(c, threads: 16) < 4e9, "\(c)")
        }
        #expect(MemoryEstimate.trainingBytes(Self.config(.mlp, depth: 20, width: 1_000_000_000, batch: 256), threads: 2) > 1e18)
        #expect(MemoryEstimate.simulationBytes(width: 1000, networks: 200, keptLayers: 1025, dense: true, threads: 16) < 4e9)
        #expect(MemoryEstimate.simulationBytes(width: 1_000_000, networks: 1_000_000, keptLayers: 1, dense: true, threads: 2) > 1e13)
    }
}
