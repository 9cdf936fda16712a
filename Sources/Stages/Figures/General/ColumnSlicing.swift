import Artifacts
import Foundation

/// One drawn curve of a series: its points, errors, and where in the data it was taken.
struct SlicedCurve {
    var x: [Double]
    var y: [Double]
    var error: [Double]?
    /// The index along each of the series' fixed and `each` axes (for key templates).
    var selection: [String: Int]
    /// Its position among the series' curves and their count.
    var index: Int, count: Int
}

/// Cuts a series' variables into curves: `y` varies along one free axis; every other axis is
/// fixed (by the series, or because it holds one value) or drawn one curve per value (`each`).
enum ColumnSlicing {
    /// The curves of `series` in `data`; errors name the series' columns and the fix.
    static func curves(_ series: SeriesSpec, in data: LabelledData) throws -> [SlicedCurve] {
        let y = try data.variable(series.y.name)
        var selection: [String: Int] = [:]
        for fixed in series.fixed {
            guard y.dimensions.contains(fixed.axis) else {
                throw SeriesError("\(series.y.name) is not stored over \(fixed.axis) (its axes: \(y.dimensions.joined(separator: ", "))); drop .at(\(fixed.axis), …)")
            }
            let values = try data.axis(fixed.axis).values
            guard let nearest = values.indices.min(by: { abs(values[$0] - fixed.value) < abs(values[$1] - fixed.value) }) else {
                throw SeriesError("axis \(fixed.axis) is empty")
            }
            selection[fixed.axis] = nearest
        }
        for dimension in y.dimensions where selection[dimension] == nil && dimension != series.each?.name {
            if try data.axis(dimension).values.count == 1 { selection[dimension] = 0 }
        }
        let eachName = series.each?.name
        if let eachName, !y.dimensions.contains(eachName) {
            throw SeriesError("\(series.y.name) is not stored over \(eachName) (its axes: \(y.dimensions.joined(separator: ", "))); drop .each(\(eachName))")
        }
        let free = y.dimensions.filter { selection[$0] == nil && $0 != eachName }
        guard free.count == 1, let running = free.first else {
            throw SeriesError("\(series.y.name) varies over \(free.isEmpty ? "no axis" : free.joined(separator: " and ")); "
                + "a curve needs exactly one: hold the others with .at(axis, value) or draw one curve per value with .each(axis)")
        }
        if series.x.isAxis && series.x.name != running {
            throw SeriesError("x is \(series.x.name) but \(series.y.name) runs along \(running); use x: the \(running) column")
        }
        let xVariable = series.x.isAxis ? nil : try data.variable(series.x.name)
        let xAxis = series.x.isAxis ? try data.axis(series.x.name).values : []
        let errorVariable = try series.error.map { try data.variable($0.name) }
        let length = try data.axis(running).values.count
        let eachCount = try eachName.map { try data.axis($0).values.count } ?? 1
        var curves: [SlicedCurve] = []
        for e in 0..<eachCount {
            var at = selection
            if let eachName { at[eachName] = e }
            var xs: [Double] = [], ys: [Double] = [], errors: [Double] = []
            for i in 0..<length {
                at[running] = i
                ys.append(try value(y, in: data, at: at))
                xs.append(try xVariable.map { try value($0, in: data, at: at) } ?? xAxis[i])
                if let errorVariable { errors.append(try value(errorVariable, in: data, at: at)) }
            }
            var curveSelection = at
            curveSelection[running] = nil
            curves.append(SlicedCurve(x: xs, y: ys, error: errorVariable == nil ? nil : errors, selection: curveSelection, index: e, count: eachCount))
        }
        return curves
    }

    /// `values[j][i]` of a variable over (`y`, `x`) with its other axes fixed or single-valued.
    static func grid(_ panel: HeatmapPanel, in data: LabelledData) throws -> (x: [Double], y: [Double], values: [[Double]]) {
        let variable = try data.variable(panel.values.name)
        var selection: [String: Int] = [:]
        for fixed in panel.fixed {
            let values = try data.axis(fixed.axis).values
            selection[fixed.axis] = values.indices.min(by: { abs(values[$0] - fixed.value) < abs(values[$1] - fixed.value) }) ?? 0
        }
        for dimension in variable.dimensions where selection[dimension] == nil && dimension != panel.x.name && dimension != panel.y.name {
            guard try data.axis(dimension).values.count == 1 else {
                throw SeriesError("\(panel.values.name) also varies over \(dimension); hold it with .at(\(dimension), value)")
            }
            selection[dimension] = 0
        }
        guard variable.dimensions.contains(panel.x.name), variable.dimensions.contains(panel.y.name) else {
            throw SeriesError("\(panel.values.name) is stored over \(variable.dimensions.joined(separator: ", ")), not over \(panel.x.name) and \(panel.y.name)")
        }
        let xs = try data.axis(panel.x.name).values, ys = try data.axis(panel.y.name).values
        var values: [[Double]] = []
        for j in ys.indices {
            var row: [Double] = []
            for i in xs.indices {
                var at = selection
                at[panel.x.name] = i
                at[panel.y.name] = j
                row.append(try value(variable, in: data, at: at))
            }
            values.append(row)
        }
        return (xs, ys, values)
    }

    static func value(_ variable: LabelledData.Variable, in data: LabelledData, at selection: [String: Int]) throws -> Double {
        guard let index = flatIndex(variable.dimensions, in: data, index: { selection[$0] ?? 0 }), variable.values.indices.contains(index) else {
            throw SeriesError("\(variable.name) has no value at \(selection)")
        }
        return variable.values[index]
    }

    /// The row-major position of a multi-index over `dimensions`.
    static func flatIndex(_ dimensions: [String], in data: LabelledData, index: (String) -> Int) -> Int? {
        var flat = 0
        for dimension in dimensions {
            guard let length = try? data.axis(dimension).values.count else { return nil }
            flat = flat * length + index(dimension)
        }
        return flat
    }
}

/// A general figure's series cannot be cut from its data as declared.
struct SeriesError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
