import Plot

/// Distinguishable line colours (the matplotlib "tab10" set, readable in print).
public enum SeriesColors {
    static let hex: [UInt32] = [0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf]

    /// The `index`-th colour, cycling.
    public static func color(_ index: Int) -> Color { Color(hex: hex[index % hex.count]) }
}
