import CTrainingKernels
import Foundation
import MeanField

/// Float32 kernels for the activations of ``MeanField/Activation``: the same enum (and names)
/// the theory uses, so `--activation selu` means one function in the mean-field curves and in
/// the trained network. The theory evaluates in Double; training needs Float32 over whole
/// batches, so the loops live here.
extension Activation {
    private static let seluLambdaF = Float(1.0507009873554804934193349852946)
    private static let seluAlphaF = Float(1.6732632423543772848170429916717)
    private static let inverseSqrt2 = Float(0.70710678118654752440)
    private static let inverseSqrt2Pi = Float(0.39894228040143267794)
    private static let twoOverSqrtPi = Float(1.12837916709551257390)

    /// φ(x) in Float32.
    @inline(__always) public func value(_ x: Float) -> Float {
        switch self {
        case .tanh: return Activation.fastTanh(x)
        case .arctan: return fast_atan_one(x)
        case .softsign: return x / (1 + Swift.abs(x))
        case .sigmoid: return Activation.logistic(x)
        case .relu: return x > 0 ? x : 0
        case .erf: return Foundation.erf(x)
        case .linear: return x
        case .hardtanh: return Swift.min(1, Swift.max(-1, x))
        case .selu: return x > 0 ? Activation.seluLambdaF * x : Activation.seluLambdaF * Activation.seluAlphaF * Foundation.expm1(x)
        case .gelu: return x * 0.5 * Foundation.erfc(-x * Activation.inverseSqrt2)
        case .swish: return x * Activation.logistic(x)
        }
    }

    /// φ′(x) in Float32, given also y = φ(x) so that tanh and sigmoid need no second
    /// transcendental call (1 − y², y(1 − y)). Right-hand value at kinks, as in the theory.
    @inline(__always) public func derivative(_ x: Float, output y: Float) -> Float {
        switch self {
        case .tanh: return 1 - y * y
        case .arctan: return 1 / (1 + x * x)
        case .softsign: let d = 1 + Swift.abs(x); return 1 / (d * d)
        case .sigmoid: return y * (1 - y)
        case .relu: return x >= 0 ? 1 : 0
        case .erf: return Activation.twoOverSqrtPi * Foundation.exp(-x * x)
        case .linear: return 1
        case .hardtanh: return (x >= -1 && x < 1) ? 1 : 0
        case .selu: return x >= 0 ? Activation.seluLambdaF : y + Activation.seluLambdaF * Activation.seluAlphaF
        case .gelu:
            return 0.5 * Foundation.erfc(-x * Activation.inverseSqrt2) + x * Activation.inverseSqrt2Pi * Foundation.exp(-0.5 * x * x)
        case .swish: let s = Activation.logistic(x); return s + x * s * (1 - s)
        }
    }

    /// y[i] = φ(x[i]) for `count` elements. The switch sits outside the loop so each case's loop
    /// is a tight, vectorisable body.
    public func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear: y.update(from: x, count: count)
        case .hardtanh: for i in 0..<count { y[i] = Swift.min(1, Swift.max(-1, x[i])) }
        // The paper's activations: vectorised per CPU in C, the same bits as `value(_:)`.
        case .relu: relu_f32(x, y, count)
        case .softsign: softsign_f32(x, y, count)
        case .tanh: fast_tanh_f32(x, y, count)
        case .arctan: fast_atan_f32(x, y, count)
        case .sigmoid: fast_logistic_f32(x, y, count)
        default: for i in 0..<count { y[i] = value(x[i]) }
        }
    }

    /// dx[i] = dy[i] · φ′(x[i]) given x and y = φ(x).
    public func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                         _ dx: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear: dx.update(from: dy, count: count)
        case .relu: relu_backward_f32(x, dy, dx, count)
        case .tanh: tanh_backward_f32(y, dy, dx, count)
        case .sigmoid: logistic_backward_f32(y, dy, dx, count)
        case .arctan: atan_backward_f32(x, dy, dx, count)
        case .softsign: softsign_backward_f32(x, dy, dx, count)
        case .hardtanh: for i in 0..<count { dx[i] = (x[i] >= -1 && x[i] < 1) ? dy[i] : 0 }
        default: for i in 0..<count { dx[i] = dy[i] * derivative(x[i], output: y[i]) }
        }
    }

    /// The logistic function without overflow for large |x|, from exp(−|x|) (the C kernel's
    /// Cephes expf, so sigmoid and swish agree with the vectorised sigmoid bit for bit).
    @inline(__always) static func logistic(_ x: Float) -> Float { fast_logistic_one(x) }

    /// tanh as the odd rational function x·P(x²)/Q(x²) of degrees 13/6 on [−7.9053, 7.9053]
    /// (coefficients of Eigen's `generic_fast_tanh_float`), saturating outside. Branch-free, so
    /// the loop in ``apply(_:_:count:)`` vectorises; glibc's tanhf is a scalar call costing ~5 ns
    /// and measured ~30 % of a depth-50 width-300 training step. Agrees with tanh to a few
    /// Float32 ulps (checked against MeanField's Double tanh in the tests).
    @inline(__always) static func fastTanh(_ x: Float) -> Float {
        let c = Swift.min(Swift.max(x, -7.90531110763549805), 7.90531110763549805)
        let x2 = c * c
        var p: Float = -2.76076847742355e-16
        p = p * x2 + 2.00018790482477e-13
        p = p * x2 - 8.60467152213735e-11
        p = p * x2 + 5.12229709037114e-08
        p = p * x2 + 1.48572235717979e-05
        p = p * x2 + 6.37261928875436e-04
        p = p * x2 + 4.89352455891786e-03
        var q: Float = 1.19825839466702e-06
        q = q * x2 + 1.18534705686654e-04
        q = q * x2 + 2.26843463243900e-03
        q = q * x2 + 4.89352518554385e-03
        return c * p / q
    }
}
