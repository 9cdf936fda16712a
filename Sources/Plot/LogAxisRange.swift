import Foundation

/// The range of a logarithmic axis whose bounds the figure leaves open: the data's positive
/// extent widened by 4 % of its span in decades on each side. gnuplot's autoscale would round it
/// out to whole decades, which leaves up to a decade of empty plot at either end ("wasted
/// decades") and squeezes the data.
enum LogAxisRange {
    /// The range for `values` (nil when none is positive); a bound the axis sets is kept.
    static func range(_ values: [Double], axis: Axis) -> (Double, Double)? {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let lo = positive.min(), let hi = positive.max() else { return nil }
        let span = max(log10(hi) - log10(lo), 0.1)
        let pad = pow(10, 0.04 * span)
        return (axis.minimum ?? lo / pad, axis.maximum ?? hi * pad)
    }

    /// Whether tic labels read as powers of ten (`10^{-3}`): when the range spans at least one
    /// whole decade, so that at least two powers of ten carry a label.
    static func labelsPowersOfTen(_ range: (Double, Double)) -> Bool {
        floor(log10(range.1)) - ceil(log10(range.0)) >= 1
    }

    /// Tic positions for a range that holds fewer than two powers of ten, where gnuplot's
    /// logarithmic tics (at powers of ten only) would leave the axis with one label or none:
    /// 1, 2, 5 × 10ᵏ inside the range, or every 1…9 × 10ᵏ when that gives fewer than three, or a
    /// round linear step when even that does.
    static func tics(_ range: (Double, Double)) -> [Double] {
        let low = Int(floor(log10(range.0))), high = Int(ceil(log10(range.1)))
        func candidates(_ mantissas: [Double]) -> [Double] {
            (low...high).flatMap { k in mantissas.map { $0 * pow(10, Double(k)) } }.filter { $0 >= range.0 && $0 <= range.1 }
        }
        let coarse = candidates([1, 2, 5])
        if coarse.count >= 3 { return coarse }
        let fine = candidates([1, 2, 3, 4, 5, 6, 7, 8, 9])
        if fine.count >= 3 { return fine }
        // Less than a factor of about 3: evenly spaced tics at a round step, as on a linear axis.
        let span = range.1 - range.0
        let magnitude = pow(10, floor(log10(span / 4)))
        func ticsAt(_ step: Double) -> [Double] {
            stride(from: (range.0 / step).rounded(.up) * step, through: range.1, by: step).map { $0 }
        }
        // The coarsest round step that still gives three tics.
        let steps = [1.0, 2, 5, 10].map { $0 * magnitude }
        return steps.reversed().map(ticsAt).first { $0.count >= 3 } ?? ticsAt(steps[0])
    }
}
