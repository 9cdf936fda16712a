import Artifacts
import Foundation
import Pipeline

/// An input of a general figure with its schema erased: it reads the file as labelled arrays
/// (the schema's columns, its derived columns, the root attributes and the provenance), after
/// checking that the schema decodes it, so a file written by another version fails here with
/// the schema's message instead of drawing the wrong arrays.
public protocol FigureSource: Sendable {
    /// The file's contents, checked against the schema.
    func labelled(in context: StageContext) throws -> LabelledData
    /// Identifies the producing stage, to read each input once.
    var identity: AnyHashable { get }
}

extension Artifact: FigureSource where Value: LabelledSchema {
    public func labelled(in context: StageContext) throws -> LabelledData {
        var data = try LabelledData.read(from: context.folder(of: self))
        _ = try Value(labelled: data)
        if let derived = Value.self as? any DerivedColumns.Type { try derived.addDerivedColumns(to: &data) }
        return data
    }

    public var identity: AnyHashable { AnyHashable(self) }
}
