import Claims
import Foundation
import Artifacts

/// A number a report puts in its table: a one-value dataset of a stage's HDF5 output (a solved
/// critical point, Theorem 1's σ_w², a fitted multiple), linked to the file it comes from, with
/// its standard error or interval when the stage records one (`x_stderr`, `x_low`/`x_high`).
public struct KeyNumber: Sendable, Equatable {
    /// The stage that wrote it.
    public var stage: String
    /// The HDF5 file, relative to the stage's folder.
    public var file: String
    /// The dataset's path inside the file (`/theorem1_sigma_w2`).
    public var dataset: String
    /// The value (NaN when the stage could not compute it; `note` says why).
    public var value: Double
    /// Its units and meaning, from the dataset's attributes.
    public var units: String
    public var meaning: String
    /// Its standard error, when the stage records `<name>_stderr`.
    public var uncertainty: Double?
    /// The ends of its interval, when the stage records `<name>_low` and `<name>_high`.
    public var low: Double?
    public var high: Double?
    /// Why there is no value (the stage's `note`, e.g. a fit with too few columns).
    public var note: String?

    /// The value as the table shows it: rounded to its uncertainty or interval, or why it is missing.
    public var displayValue: String {
        guard value.isFinite else { return "no value: " + (note ?? "the stage recorded NaN") }
        if let low, let high, low.isFinite, high.isFinite {
            let r = RoundedNumber.withUncertainty(value, (high - low) / 2)
            let l = RoundedNumber.withUncertainty(low, (high - low) / 2).value, h = RoundedNumber.withUncertainty(high, (high - low) / 2).value
            return "\(r.value) [\(l), \(h)]"
        }
        return RoundedNumber.text(value, uncertainty: uncertainty)
    }

    /// Units as the papers write them: none for a pure number (HDF5's "1").
    public var displayUnits: String { units == "1" ? "" : units }

    /// The pipeline a stage belongs to, by which the table groups its rows (one group per figure).
    static func figureGroup(ofStage stage: String) -> String { String(stage.split(separator: "/").first ?? Substring(stage)) }

    /// Every one-value variable in the `data.h5` files of `folder` (a stage's outputs), its
    /// standard error and interval folded into it; values the stage could not compute become one
    /// row saying why (its `note`), not a row of nan each.
    static func scan(stage: String, outputs folder: URL) -> [KeyNumber] {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(LabelledData.fileName).path),
              let data = try? LabelledData.read(from: folder) else { return [] }
        let single = data.variables.filter { $0.values.count == 1 && !$0.name.hasSuffix("_per_seed") }
        let names = Set(single.map(\.name))
        func companion(_ name: String) -> Bool {
            for suffix in ["_stderr", "_low", "_high"] where name.hasSuffix(suffix) {
                if names.contains(String(name.dropLast(suffix.count))) { return true }
            }
            return false
        }
        func one(_ name: String) -> Double? { single.first { $0.name == name }?.values[0] }
        var rows: [KeyNumber] = [], explainedMissing = false
        for v in single where !companion(v.name) {
            let value = v.values[0]
            if !value.isFinite {
                // One row says why; the rest of the missing values would repeat it.
                guard !explainedMissing else { continue }
                explainedMissing = true
            }
            rows.append(KeyNumber(stage: stage, file: LabelledData.fileName, dataset: "/" + v.name, value: value, units: v.units,
                                  meaning: v.description, uncertainty: one(v.name + "_stderr"), low: one(v.name + "_low"),
                                  high: one(v.name + "_high"), note: value.isFinite ? nil : data.attributes["note"]))
        }
        return rows
    }
}
