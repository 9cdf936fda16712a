import Foundation
import Testing
@testable import MeanField

@Suite("Errors name the problem")
struct ErrorTests {
    @Test("an unknown activation lists the known names")
    func unknownActivation() throws {
        do {
            _ = try Activation.parse("tanhh")
            Issue.record("expected an error")
        } catch let error as MeanFieldError {
            #expect(error == .unknownActivation("tanhh", known: Activation.knownNames))
            for name in Activation.knownNames { #expect(error.description.contains(name)) }
            #expect(error.description.contains("'tanhh'"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(try Activation.parse(" TanH ") == .tanh)
    }

    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("negative or non-finite variances are rejected with a message naming the parameter")
    func invalidVariance() {
        let cases: [(Double, Double, String)] = [(-1, 0.05, "--sw2"), (1, -0.1, "--sb2"), (.nan, 0.05, "--sw2"),
                                                  (1, .infinity, "--sb2"), (-.infinity, 0, "--sw2")]
        for (sw2, sb2, option) in cases {
            let m = Self.message { _ = try MeanFieldPoint(activation: .tanh, weightVariance: sw2, biasVariance: sb2) }
            #expect(m?.contains(option) == true && m?.contains("not a valid variance") == true, "\(sw2), \(sb2): \(m ?? "no error")")
        }
        #expect(Self.message { _ = try CriticalLine.point(activation: .tanh, biasVariance: -1) }?.contains("--sb2") == true)
        #expect(Self.message {
            _ = try LayerTrajectory(activation: .tanh, weightVariance: 1, biasVariance: 0.1, q0: -2, c0: 0.5, layers: 3)
        }?.contains("--q0") == true)
        #expect(Self.message {
            _ = try CorrelationDepthGrid(activation: .tanh, weightVariances: [1, -2], biasVariances: [0])
        }?.contains("sigma_w^2") == true)
    }

    @Test("other invalid arguments: correlation, layer count, CNN sizes, vanishing signal")
    func otherArguments() {
        #expect(throws: MeanFieldError.invalidCorrelation(1.5)) {
            _ = try LayerTrajectory(activation: .tanh, weightVariance: 1, biasVariance: 0.1, q0: 1, c0: 1.5, layers: 3)
        }
        #expect(Self.message {
            _ = try LayerTrajectory(activation: .tanh, weightVariance: 1, biasVariance: 0.1, q0: 1, c0: 0.5, layers: -1)
        }?.contains("layers") == true)
        #expect(Self.message {
            _ = try LayerTrajectory(activation: .tanh, weightVariance: 1, biasVariance: 0, q0: 0, c0: 0.5, layers: 3)
        }?.contains("q0 > 0") == true)
        #expect(throws: MeanFieldError.self) {
            _ = try ConvolutionalMeanField(activation: .tanh, weightVariance: 1, biasVariance: 0, kernelHalfWidth: -1, spatialSize: 4)
        }
    }
}
