import Foundation

/// The figures' one colour convention: a sequential blue → red ramp for series ordered by a
/// parameter (σ_w² from small to large, as paper 003 draws them), and a qualitative set for
/// series that have no order (activations, weight distributions). Theory is drawn black.
///
/// ```swift
/// let colors = (0..<5).map { LinePalette.sequential($0, of: 5) }   // blue … purple … red
/// let tanh = LinePalette.qualitative(0)
/// ```
public enum LinePalette {
    /// Stops of the ordered ramp: dark blue, violet, dark red (all dark enough for thin lines on
    /// white and distinct in grey scale by lightness).
    static let sequentialStops: [(Double, Double, Double)] = [
        (0x21 / 255.0, 0x4a / 255.0, 0xa8 / 255.0),
        (0x7b / 255.0, 0x3a / 255.0, 0x96 / 255.0),
        (0xc0 / 255.0, 0x1f / 255.0, 0x2f / 255.0),
    ]

    /// The colour of the `index`-th of `count` ordered series: blue for the first, red for the last.
    public static func sequential(_ index: Int, of count: Int) -> Color {
        let t = count <= 1 ? 0 : min(max(Double(index) / Double(count - 1), 0), 1)
        let segment = min(Int(t * Double(sequentialStops.count - 1)), sequentialStops.count - 2)
        let local = t * Double(sequentialStops.count - 1) - Double(segment)
        let a = sequentialStops[segment], b = sequentialStops[segment + 1]
        return Color(red: a.0 + (b.0 - a.0) * local, green: a.1 + (b.1 - a.1) * local, blue: a.2 + (b.2 - a.2) * local)
    }

    /// Distinguishable colours for unordered series (matplotlib's "tab10", readable in print), cycling.
    public static func qualitative(_ index: Int) -> Color {
        Color(hex: qualitativeHex[((index % qualitativeHex.count) + qualitativeHex.count) % qualitativeHex.count])
    }

    static let qualitativeHex: [UInt32] = [0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf]

    /// The colour theory curves are drawn in.
    public static let theory = Color.black
}
