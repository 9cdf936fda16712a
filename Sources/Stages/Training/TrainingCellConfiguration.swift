import Artifacts
import Foundation
import Training

extension TrainingCellData {
    /// The configuration the run trained, decoded from the JSON the cell recorded: where the
    /// cell sits in a grid (σ_w², depth, σ_b², seed) and the protocol a caption states.
    func trainingConfiguration() throws -> TrainingConfiguration {
        try TrainingConfiguration.recorded(configuration)
    }
}

extension TrainingConfiguration {
    /// A configuration from the canonical JSON a training cell records.
    static func recorded(_ json: String) throws -> TrainingConfiguration {
        do {
            return try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
        } catch {
            throw RecordedConfigurationProblem(description: "a training cell's recorded configuration does not decode (\(error)); it was written by another version: rerun the cell (criticality run)")
        }
    }
}

/// A training cell whose recorded configuration cannot be read back.
struct RecordedConfigurationProblem: Error, CustomStringConvertible {
    let description: String
}
