import Foundation

/// Numbers in captions: short, and the same on every machine.
public enum CaptionNumber {
    /// `0.05`, `1.76`, `2.01e-05`: up to four significant digits.
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            var text = String(format: "%.4g", value)
            if text.contains("e") { text = String(format: "%.3f", value) }
            return text
        }
        return String(format: "%.3g", value)
    }
}
