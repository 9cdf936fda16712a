import Foundation
import Pipeline
import Training

extension TrainingCell.Parameters: CheckedParameters {
    /// Refuses, when the graph is built, a configuration the trainer would refuse only once the
    /// cell runs (after the data set is loaded) and one whose arrays cannot fit: cells train on
    /// one thread each, up to one per core at once.
    public func check() throws {
        try configuration.validate()
        let cells = Double(ProcessInfo.processInfo.activeProcessorCount)
        try MemoryBudget.require(bytes: cells * configuration.estimatedBytes(threads: 1),
                                 for: "\(Int(cells)) training cells of width \(configuration.width), depth \(configuration.depth) and batch \(configuration.batchSize) at once",
                                 fix: "give a smaller width, depth or batch size")
    }
}
