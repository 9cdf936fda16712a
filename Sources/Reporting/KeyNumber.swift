import Foundation
import Artifacts

/// A number a report puts in its table: a one-value dataset of a stage's HDF5 output (a solved
/// critical point, Theorem 1's σ_w², a fitted multiple), linked to the file it comes from.
public struct KeyNumber: Sendable, Equatable {
    /// The stage that wrote it.
    public var stage: String
    /// The HDF5 file, relative to the stage's folder.
    public var file: String
    /// The dataset's path inside the file (`/theorem1_sigma_w2`).
    public var dataset: String
    /// The value.
    public var value: Double
    /// Its units and meaning, from the dataset's attributes.
    public var units: String
    public var meaning: String

    /// Every one-value variable in the `data.h5` files of `folder` (a stage's outputs).
    static func scan(stage: String, outputs folder: URL) -> [KeyNumber] {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(LabelledData.fileName).path),
              let data = try? LabelledData.read(from: folder) else { return [] }
        return data.variables.filter { $0.values.count == 1 }.map {
            KeyNumber(stage: stage, file: LabelledData.fileName, dataset: "/" + $0.name, value: $0.values[0],
                      units: $0.units, meaning: $0.description)
        }
    }
}
