/// The operations the Winograd transforms use: their matrices hold only 0, ±1 and ±½.
protocol WinogradArithmetic {
    /// Sum.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Difference.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Negation.
    static prefix func - (operand: Self) -> Self
    /// self · ½ (exact in binary floating point).
    func halved() -> Self
}

/// A run of channels the transforms process at once: loaded from and stored to consecutive floats
/// (unaligned: channel offsets are multiples of 4 floats but buffers are only float-aligned).
protocol WinogradLane: WinogradArithmetic {
    /// The value read from `pointer[0..<width]`.
    static func load(_ pointer: UnsafePointer<Float>) -> Self
    /// Writes the value to `pointer[0..<width]`.
    func store(_ pointer: UnsafeMutablePointer<Float>)
}

extension Float: WinogradLane {
    @inline(__always) func halved() -> Float { self * 0.5 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Float { pointer.pointee }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) { pointer.pointee = self }
}

/// Two values combined entrywise: a row of the 2×2 output tile.
struct Pair<L: WinogradArithmetic>: WinogradArithmetic {
    var x0: L, x1: L
    @inline(__always) init(_ x0: L, _ x1: L) { self.x0 = x0; self.x1 = x1 }
    @inline(__always) static func + (lhs: Self, rhs: Self) -> Self { Pair(lhs.x0 + rhs.x0, lhs.x1 + rhs.x1) }
    @inline(__always) static func - (lhs: Self, rhs: Self) -> Self { Pair(lhs.x0 - rhs.x0, lhs.x1 - rhs.x1) }
    @inline(__always) static prefix func - (operand: Self) -> Self { Pair(-operand.x0, -operand.x1) }
    @inline(__always) func halved() -> Self { Pair(x0.halved(), x1.halved()) }
}

/// Three values combined entrywise: a row of the 3×3 kernel.
struct Triple<L: WinogradArithmetic>: WinogradArithmetic {
    var x0: L, x1: L, x2: L
    @inline(__always) init(_ x0: L, _ x1: L, _ x2: L) { self.x0 = x0; self.x1 = x1; self.x2 = x2 }
    @inline(__always) static func + (lhs: Self, rhs: Self) -> Self { Triple(lhs.x0 + rhs.x0, lhs.x1 + rhs.x1, lhs.x2 + rhs.x2) }
    @inline(__always) static func - (lhs: Self, rhs: Self) -> Self { Triple(lhs.x0 - rhs.x0, lhs.x1 - rhs.x1, lhs.x2 - rhs.x2) }
    @inline(__always) static prefix func - (operand: Self) -> Self { Triple(-operand.x0, -operand.x1, -operand.x2) }
    @inline(__always) func halved() -> Self { Triple(x0.halved(), x1.halved(), x2.halved()) }
}

/// Four values combined entrywise: a row of a 4×4 transformed tile.
struct Quad<L: WinogradArithmetic>: WinogradArithmetic {
    var x0: L, x1: L, x2: L, x3: L
    @inline(__always) init(_ x0: L, _ x1: L, _ x2: L, _ x3: L) { self.x0 = x0; self.x1 = x1; self.x2 = x2; self.x3 = x3 }
    @inline(__always) static func + (lhs: Self, rhs: Self) -> Self { Quad(lhs.x0 + rhs.x0, lhs.x1 + rhs.x1, lhs.x2 + rhs.x2, lhs.x3 + rhs.x3) }
    @inline(__always) static func - (lhs: Self, rhs: Self) -> Self { Quad(lhs.x0 - rhs.x0, lhs.x1 - rhs.x1, lhs.x2 - rhs.x2, lhs.x3 - rhs.x3) }
    @inline(__always) static prefix func - (operand: Self) -> Self { Quad(-operand.x0, -operand.x1, -operand.x2, -operand.x3) }
    @inline(__always) func halved() -> Self { Quad(x0.halved(), x1.halved(), x2.halved(), x3.halved()) }
}

/// Four channels: one SSE register, the main loop of every transform.
extension SIMD4: WinogradArithmetic, WinogradLane where Scalar == Float {
    @inline(__always) func halved() -> SIMD4<Float> { self * 0.5 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD4<Float>.self)
    }
}
