import Foundation

/// Numbers as a reader wants them: a value rounded to its uncertainty (two significant digits
/// of the uncertainty, the value to the same decimal place), or, without one, six significant digits.
///
/// ```swift
/// RoundedNumber.withUncertainty(-0.82461, 0.19873)   // ("-0.82", "0.20")
/// RoundedNumber.plain(103.00757)                     // "103.008"
/// ```
public enum RoundedNumber {
    /// Six significant digits, no trailing zeros, no exponent for ordinary magnitudes.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        return String(format: "%.6g", value)
    }

    /// The value and its uncertainty rounded together; falls back to ``plain(_:)`` when the
    /// uncertainty is zero or not finite.
    public static func withUncertainty(_ value: Double, _ uncertainty: Double) -> (value: String, uncertainty: String) {
        guard value.isFinite, uncertainty.isFinite, uncertainty > 0 else {
            return (plain(value), uncertainty.isFinite ? plain(uncertainty) : "")
        }
        // The decimal place of the uncertainty's second significant digit.
        let place = Int((log10(uncertainty)).rounded(.down)) - 1
        let decimals = max(0, -place)
        let unit = pow(10, Double(place))
        let roundedValue = (value / unit).rounded() * unit
        let roundedUncertainty = (uncertainty / unit).rounded() * unit
        let text = { (x: Double) in String(format: "%.\(decimals)f", x == 0 ? 0 : x) }
        return (text(roundedValue), text(roundedUncertainty))
    }

    /// "−0.82 ± 0.20", or the plain value when there is no uncertainty.
    public static func text(_ value: Double, uncertainty: Double?) -> String {
        guard let uncertainty, uncertainty.isFinite, uncertainty > 0 else { return plain(value) }
        let r = withUncertainty(value, uncertainty)
        return "\(r.value) ± \(r.uncertainty)"
    }
}
