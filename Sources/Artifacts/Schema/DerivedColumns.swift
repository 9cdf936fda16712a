import Foundation

/// A schema with columns that are not stored but computed from stored ones when a figure reads
/// the file (|ε_q|² from Re ε_q and Im ε_q), so that a figure can plot them by column like any
/// other and the file keeps one copy of each number.
///
/// ```swift
/// extension MySchema: DerivedColumns {
///     public static func addDerivedColumns(to data: inout LabelledData) throws {
///         data.add(variable: power, values: try data.values(amplitude).map { $0 * $0 })
///     }
/// }
/// ```
public protocol DerivedColumns {
    /// Adds the derived columns to a file's contents as read.
    static func addDerivedColumns(to data: inout LabelledData) throws
}
