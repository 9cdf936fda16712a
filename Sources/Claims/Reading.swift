import Artifacts
import Foundation

/// Reads quantities out of one stage's data at an evidence's coordinates and reduces them.
struct Reading {
    let evidence: Evidence
    let data: LabelledData

    init(evidence: Evidence, data: LabelledData) throws {
        self.evidence = evidence
        self.data = data
    }

    /// The quantity's values with their dimensions.
    private func array(_ quantity: Quantity) throws -> (dimensions: [String], values: [Double]) {
        func variable(_ name: String) throws -> LabelledData.Variable {
            guard let v = data.variables.first(where: { $0.name == name }) else {
                throw EvidenceProblem(message: "\(evidence.stage) has no dataset /\(name) (it has \(data.variables.map(\.name).joined(separator: ", ")))")
            }
            return v
        }
        func combine(_ a: Quantity, _ b: Quantity, _ f: (Double, Double) -> Double) throws -> ([String], [Double]) {
            let x = try array(a), y = try array(b)
            guard x.dimensions == y.dimensions else {
                throw EvidenceProblem(message: "\(a.description) and \(b.description) are over different axes")
            }
            return (x.dimensions, zip(x.values, y.values).map(f))
        }
        switch quantity {
        case .dataset(let name):
            let v = try variable(name)
            return (v.dimensions, v.values)
        case .ratio(let a, let b): return try combine(a, b, /)
        case .difference(let a, let b): return try combine(a, b, -)
        case .gap(let m, let p, let s):
            let step = try combine(.dataset(m), .dataset(p), -)
            let se = try variable(s)
            guard se.dimensions == step.0 else { throw EvidenceProblem(message: "\(s) is over other axes than \(m)") }
            return (step.0, zip(step.1, se.values).map { abs($0) / $1 })
        }
    }

    /// One number: the quantity at the evidence's coordinates, reduced.
    func value(of quantity: Quantity, reduction: Reduction? = nil) throws -> Double {
        let (dimensions, values) = try array(quantity)
        let shape = try dimensions.map { try axisValues($0).count }
        var fixedIndex = [Int?](repeating: nil, count: dimensions.count)
        for coordinate in evidence.fixed {
            guard let d = dimensions.firstIndex(of: coordinate.axis) else {
                throw EvidenceProblem(message: "\(quantity.description) in \(evidence.stage) has no axis \(coordinate.axis) (its axes: \(dimensions.joined(separator: ", ")))")
            }
            let axis = try axisValues(coordinate.axis)
            switch coordinate.position {
            case .index(let i):
                guard axis.indices.contains(i) else { throw EvidenceProblem(message: "\(coordinate.axis) has \(axis.count) values; index \(i) is outside") }
                fixedIndex[d] = i
            case .last:
                fixedIndex[d] = axis.count - 1
            case .value(let v):
                guard let i = axis.firstIndex(where: { abs($0 - v) <= 1e-9 * max(1, abs(v)) }) else {
                    throw EvidenceProblem(message: "\(coordinate.axis) = \(RoundedNumber.plain(v)) is not on the grid of \(evidence.stage) (\(axis.count) values from \(RoundedNumber.plain(axis.first ?? .nan)) to \(RoundedNumber.plain(axis.last ?? .nan)))")
                }
                fixedIndex[d] = i
            }
        }
        // The elements left, in row-major order, with their position on the free axes.
        let free = dimensions.indices.filter { fixedIndex[$0] == nil }
        var selected: [Double] = [], freePositions: [Int] = []
        var index = [Int](repeating: 0, count: dimensions.count)
        for flat in 0..<values.count {
            var rest = flat
            for d in dimensions.indices.reversed() { index[d] = rest % shape[d]; rest /= shape[d] }
            if dimensions.indices.allSatisfy({ fixedIndex[$0] == nil || fixedIndex[$0] == index[$0] }) {
                selected.append(values[flat])
                if free.count == 1 { freePositions.append(index[free[0]]) }
            }
        }
        let finite = selected.filter(\.isFinite)
        func alongOneAxis() throws -> [Double] {
            guard free.count == 1 else {
                throw EvidenceProblem(message: "\(quantity.description) must have one axis left after fixing coordinates; it has \(free.count)")
            }
            let axis = try axisValues(dimensions[free[0]])
            return freePositions.map { axis[$0] }
        }
        switch reduction ?? evidence.reduction {
        case .element:
            guard selected.count == 1 else {
                throw EvidenceProblem(message: "\(quantity.description) has \(selected.count) elements at the coordinates given; fix \(free.map { dimensions[$0] }.joined(separator: ", "))")
            }
            return selected[0]
        case .maximum: return finite.max() ?? .nan
        case .minimum: return finite.min() ?? .nan
        case .mean: return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        case .median:
            guard !finite.isEmpty else { return .nan }
            let sorted = finite.sorted(), n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        case .fractionBelow(let x):
            return finite.isEmpty ? .nan : Double(finite.filter { $0 < x }.count) / Double(finite.count)
        case .crossing(let level):
            let x = try alongOneAxis()
            for i in 0..<(selected.count - 1) where selected[i].isFinite && selected[i + 1].isFinite {
                let a = selected[i] - level, b = selected[i + 1] - level
                if a == 0 { return x[i] }
                if a * b < 0 { return x[i] + (x[i + 1] - x[i]) * a / (a - b) }
            }
            if let lastValue = selected.last, lastValue == level { return x[x.count - 1] }
            throw EvidenceProblem(message: "\(quantity.description) does not cross \(RoundedNumber.plain(level)) on \(evidence.stage)'s grid")
        case .argmax:
            let x = try alongOneAxis()
            guard let best = selected.indices.filter({ selected[$0].isFinite }).max(by: { selected[$0] < selected[$1] }) else { return .nan }
            return x[best]
        case .meanIncrement, .incrementSpread:
            _ = try alongOneAxis()
            guard selected.count >= 2 else { throw EvidenceProblem(message: "\(quantity.description) needs two elements for a step") }
            let steps = zip(selected.dropFirst(), selected).map { $0 - $1 }
            if case .meanIncrement = reduction ?? evidence.reduction { return steps.reduce(0, +) / Double(steps.count) }
            return (steps.max() ?? .nan) - (steps.min() ?? .nan)
        }
    }

    private func axisValues(_ name: String) throws -> [Double] {
        guard let axis = data.axes.first(where: { $0.name == name }) else {
            throw EvidenceProblem(message: "\(evidence.stage) has no axis \(name)")
        }
        return axis.values
    }
}
