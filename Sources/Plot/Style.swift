/// An sRGB colour, written to gnuplot as `rgb "#rrggbb"`.
///
/// ```swift
/// let accent = Color(red: 0.8, green: 0.1, blue: 0.1)
/// let same = Color(hex: 0xCC1A1A)
/// ```
public struct Color: Sendable, Hashable {
    /// Red, green and blue as bytes 0…255.
    public var red: UInt8, green: UInt8, blue: UInt8

    /// A colour from components in 0…1 (clamped).
    public init(red: Double, green: Double, blue: Double) {
        func byte(_ value: Double) -> UInt8 { UInt8((min(max(value, 0), 1) * 255).rounded()) }
        self.red = byte(red)
        self.green = byte(green)
        self.blue = byte(blue)
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        red = UInt8((hex >> 16) & 0xFF)
        green = UInt8((hex >> 8) & 0xFF)
        blue = UInt8(hex & 0xFF)
    }

    public static let black = Color(hex: 0x000000)
    public static let gray = Color(hex: 0x808080)
    public static let white = Color(hex: 0xFFFFFF)
    public static let red = Color(hex: 0xD62728)
    public static let blue = Color(hex: 0x1F77B4)
    public static let orange = Color(hex: 0xFF7F0E)
    public static let green = Color(hex: 0x2CA02C)

    /// `#rrggbb`, lower case.
    var hexString: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 0xF)])" }.joined()
    }
}

/// How a line is dashed.
public enum Dash: Sendable, Hashable {
    case solid, dashed, dotted, dashDotted

    /// gnuplot's `dashtype` number.
    var gnuplotDashType: Int {
        switch self {
        case .solid: 1
        case .dashed: 2
        case .dotted: 3
        case .dashDotted: 4
        }
    }
}

/// How a series is drawn. Leave ``color`` nil to take gnuplot's next colour in its cycle.
///
/// ```swift
/// Style(color: .red, lineWidth: 2, dash: .dashed)
/// ```
public struct Style: Sendable, Hashable {
    /// Line and point colour; nil picks gnuplot's default colour sequence.
    public var color: Color?
    /// Line width in points.
    public var lineWidth: Double
    /// Dash pattern of lines.
    public var dash: Dash
    /// gnuplot point type (`pt`, e.g. 7 = filled circle); nil picks the default.
    public var pointType: Int?
    /// Point size multiplier (`ps`).
    public var pointSize: Double

    public init(color: Color? = nil, lineWidth: Double = 1.5, dash: Dash = .solid,
                pointType: Int? = nil, pointSize: Double = 1) {
        self.color = color
        self.lineWidth = lineWidth
        self.dash = dash
        self.pointType = pointType
        self.pointSize = pointSize
    }
}
