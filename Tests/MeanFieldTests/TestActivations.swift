import Foundation
@testable import MeanField

/// The activations written out again in the test target, so the reference integrals do not go
/// through the library's ``Activation`` (one test checks that the two agree).
struct TestActivation: Sendable, CustomStringConvertible {
    let name: String
    let f: @Sendable (Double) -> Double
    let df: @Sendable (Double) -> Double
    /// Where f or f′ is not smooth.
    let kinks: [Double]
    var description: String { name }

    static let tanh = TestActivation(name: "tanh", f: { Foundation.tanh($0) },
                                     df: { 1 / (Foundation.cosh($0) * Foundation.cosh($0)) }, kinks: [])
    static let softsign = TestActivation(name: "softsign", f: { $0 / (1 + abs($0)) },
                                         df: { 1 / ((1 + abs($0)) * (1 + abs($0))) }, kinks: [0])
    static let hardtanh = TestActivation(name: "hardtanh", f: { max(-1, min(1, $0)) },
                                         df: { abs($0) < 1 ? 1 : 0 }, kinks: [-1, 1])
    static let relu = TestActivation(name: "relu", f: { max(0, $0) }, df: { $0 > 0 ? 1 : 0 }, kinks: [0])
    static let sigmoid = TestActivation(name: "sigmoid", f: { 0.5 + 0.5 * Foundation.tanh(0.5 * $0) },
                                        df: { 0.25 / (Foundation.cosh(0.5 * $0) * Foundation.cosh(0.5 * $0)) }, kinks: [])
    static let erf = TestActivation(name: "erf", f: { Foundation.erf($0) },
                                    df: { 2 / Double.pi.squareRoot() * exp(-$0 * $0) }, kinks: [])
    static let arctan = TestActivation(name: "arctan", f: { atan($0) }, df: { 1 / (1 + $0 * $0) }, kinks: [])
    static let selu = TestActivation(name: "selu",
                                     f: { $0 > 0 ? 1.0507009873554805 * $0 : 1.0507009873554805 * 1.6732632423543772 * (exp($0) - 1) },
                                     df: { $0 > 0 ? 1.0507009873554805 : 1.0507009873554805 * 1.6732632423543772 * exp($0) }, kinks: [0])
    static let gelu = TestActivation(name: "gelu", f: { $0 * 0.5 * erfc(-$0 / 2.0.squareRoot()) },
                                     df: { 0.5 * erfc(-$0 / 2.0.squareRoot()) + $0 * exp(-0.5 * $0 * $0) / (2 * Double.pi).squareRoot() }, kinks: [])
    static let swish = TestActivation(name: "swish", f: { $0 * (0.5 + 0.5 * Foundation.tanh(0.5 * $0)) },
                                      df: { x in let s = 0.5 + 0.5 * Foundation.tanh(0.5 * x); return s + x * s * (1 - s) }, kinks: [])

    static let all: [TestActivation] = [tanh, softsign, hardtanh, relu, sigmoid, erf, arctan, selu, gelu, swish]

    var library: Activation { Activation(rawValue: name)! }
}
