/// The one-dimensional F(2, 3) transforms (Lavin & Gray's Bᵀ, G, Aᵀ) and their transposes, on
/// any ``WinogradArithmetic`` value: a lane of channels, or a row of them (``Pair``, ``Triple``,
/// ``Quad``), so one definition serves both passes of each 2-D transform.
enum Winograd {
    /// Bᵀ x with Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]].
    @inline(__always)
    static func bTransposed<T: WinogradArithmetic>(_ x0: T, _ x1: T, _ x2: T, _ x3: T) -> (T, T, T, T) {
        (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
    }

    /// B x, the adjoint of ``bTransposed(_:_:_:_:)``.
    @inline(__always)
    static func b<T: WinogradArithmetic>(_ x0: T, _ x1: T, _ x2: T, _ x3: T) -> (T, T, T, T) {
        (x0, x1 - x2 + x3, x1 + x2 - x0, -x3)
    }

    /// G x with G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]].
    @inline(__always)
    static func g<T: WinogradArithmetic>(_ x0: T, _ x1: T, _ x2: T) -> (T, T, T, T) {
        let outer = x0 + x2
        return (x0, (outer + x1).halved(), (outer - x1).halved(), x2)
    }

    /// Gᵀ x, the adjoint of ``g(_:_:_:)``.
    @inline(__always)
    static func gTransposed<T: WinogradArithmetic>(_ x0: T, _ x1: T, _ x2: T, _ x3: T) -> (T, T, T) {
        let sum = (x1 + x2).halved()
        return (x0 + sum, (x1 - x2).halved(), sum + x3)
    }

    /// Aᵀ x with Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]].
    @inline(__always)
    static func aTransposed<T: WinogradArithmetic>(_ x0: T, _ x1: T, _ x2: T, _ x3: T) -> (T, T) {
        (x0 + x1 + x2, x1 - x2 - x3)
    }

    /// A x, the adjoint of ``aTransposed(_:_:_:_:)``.
    @inline(__always)
    static func a<T: WinogradArithmetic>(_ x0: T, _ x1: T) -> (T, T, T, T) {
        (x0, x0 + x1, x0 - x1, -x1)
    }
}
