import Foundation
import MeanField
import Testing
@testable import Stages

@Suite struct ParameterAxisTests {
    @Test func cubicAxisIsEvenInTheCubeRoot() {
        let values = ParameterAxis.cubic(0, 0.3, 11).values
        #expect(values.first == 0 && values.last == 0.3)
        let roots = values.map { Foundation.cbrt($0 / 0.3) }
        for (i, r) in roots.enumerated() { #expect(abs(r - Double(i) / 10) < 1e-12) }
    }

    @Test(arguments: [ParameterAxis.linear(0, 1, 5), .logarithmic(1, 100, 3), .cubic(0.1, 0.5, 7), .values([3, 1, 2])])
    func jsonRoundTrip(axis: ParameterAxis) throws {
        let decoded = try JSONDecoder().decode(ParameterAxis.self, from: JSONEncoder().encode(axis))
        #expect(decoded == axis)
        #expect(decoded.values == axis.values)
    }

    @Test func unknownSpacingNamesTheChoices() {
        let json = Data(#"{"spacing": "quartic", "start": 0, "stop": 1, "count": 3}"#.utf8)
        #expect { try JSONDecoder().decode(ParameterAxis.self, from: json) } throws: { error in
            "\(error)".contains("cubic")
        }
    }

    /// The phase diagram's critical line: tanh's σ_w²_c − 1 grows like σ_b^(2/3) near 0, so a
    /// polyline through an evenly spaced σ_b² axis starts with one long straight segment that cuts
    /// the corner at the origin. Through the cubic axis the pipeline uses (201 points) consecutive
    /// points are less than 0.01 apart in σ_w² and every segment's midpoint lies within 2·10⁻³ of
    /// the line; through the old 31-point linear axis the first step is 0.39 and the worst midpoint
    /// is more than 0.05 off.
    @Test func criticalLineOnTheCubicAxisHasNoFalseKink() throws {
        func polyline(_ axis: ParameterAxis) throws -> (step: Double, midpoint: Double) {
            let b = axis.values
            let w = try b.map { try CriticalLine.point(activation: .tanh, biasVariance: $0).weightVariance }
            var step = 0.0, midpoint = 0.0
            for i in 0..<(b.count - 1) {
                let exact = try CriticalLine.point(activation: .tanh, biasVariance: (b[i] + b[i + 1]) / 2).weightVariance
                midpoint = max(midpoint, abs((w[i] + w[i + 1]) / 2 - exact))
                step = max(step, abs(w[i + 1] - w[i]))
            }
            return (step, midpoint)
        }
        let fine = try polyline(.cubic(0, 0.3, 201)), old = try polyline(.linear(0, 0.3, 31))
        #expect(fine.step < 0.01 && fine.midpoint < 2e-3, "cubic axis: largest step \(fine.step), worst midpoint \(fine.midpoint)")
        #expect(old.step > 0.3 && old.midpoint > 0.05, "linear axis: largest step \(old.step), worst midpoint \(old.midpoint)")
    }
}
