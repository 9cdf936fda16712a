import CTrainingKernels
import Foundation

/// The update rules for the flat parameter vector.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// Plain stochastic gradient descent: θ ← θ − η g.
    case sgd
    /// SGD with heavy-ball momentum μ = 0.9: v ← μv + g, θ ← θ − η v.
    case momentum
    /// RMSProp (ρ = 0.9, ε = 1e-8): s ← ρs + (1−ρ)g², θ ← θ − η g/(√s + ε).
    case rmsprop
    /// Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected; Kingma & Ba 2015).
    case adam

    /// Parses a command-line name, or throws listing the known names.
    public static func parse(_ name: String) throws -> OptimizerKind {
        guard let value = OptimizerKind(rawValue: name.lowercased()) else {
            throw TrainingError.unknownName(kind: "optimizer", name: name, known: allCases.map(\.rawValue))
        }
        return value
    }
}

/// An optimiser with its state (momentum, second moments) preallocated for one parameter vector.
public final class Optimizer {
    /// The update rule.
    public let kind: OptimizerKind
    /// The step size η.
    public let learningRate: Float
    private let first: FloatBuffer
    private let second: FloatBuffer
    private var step = 0

    /// State for `count` parameters.
    public init(_ kind: OptimizerKind, learningRate: Float, count: Int) {
        self.kind = kind
        self.learningRate = learningRate
        first = FloatBuffer(count: kind == .sgd ? 0 : count)
        second = FloatBuffer(count: kind == .rmsprop || kind == .adam ? count : 0)
    }

    /// Applies one update to `parameters` from `gradients` (both `count` long).
    public func update(_ parameters: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, count: Int) {
        beginStep()
        apply(parameters, gradients: g, range: 0..<count)
    }

    /// Starts an update that ``apply(_:gradients:range:)`` then carries out range by range
    /// (possibly on several threads, for disjoint ranges): advances Adam's step count once.
    func beginStep() { step += 1 }

    /// The update of the current step for the parameters in `range` (indices into the vectors
    /// ``update(_:gradients:count:)`` takes whole). Each element's arithmetic is the same
    /// whichever ranges it is applied in.
    func apply(_ parameters: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, range: Range<Int>) {
        let eta = learningRate
        let m = first.pointer, s = second.pointer
        switch kind {
        case .sgd:
            sgd_update_f32(parameters + range.lowerBound, g + range.lowerBound, range.count, eta)
        case .momentum:
            for i in range {
                m[i] = 0.9 * m[i] + g[i]
                parameters[i] -= eta * m[i]
            }
        case .rmsprop:
            for i in range {
                s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i]
                parameters[i] -= eta * g[i] / (s[i].squareRoot() + 1e-8)
            }
        case .adam:
            let beta1: Float = 0.9, beta2: Float = 0.999
            // Bias corrections folded into the step size (Kingma & Ba, end of §2).
            let correction1 = 1 - Float(pow(Double(beta1), Double(step)))
            let correction2 = 1 - Float(pow(Double(beta2), Double(step)))
            let alpha = eta * correction2.squareRoot() / correction1
            let epsilon: Float = 1e-8 * correction2.squareRoot()
            for i in range {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i]
                parameters[i] -= alpha * m[i] / (s[i].squareRoot() + epsilon)
            }
        }
    }
}
