import Testing
@testable import Training

/// Statistics of the three weight initialisations.
struct InitializerTests {
    /// Binds a layer to fresh buffers, initialises it, and returns its parameters.
    private func initialised(_ layer: Layer, _ scheme: WeightInitialization, sw2: Double, sb2: Double = 0.05, seed: UInt64 = 11) throws -> [Float] {
        let parameters = FloatBuffer(count: layer.parameterCount), gradients = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = SeededGenerator(seed: seed)
        try layer.initialize(scheme, sw2: sw2, sb2: sb2, generator: &generator)
        return parameters.array
    }

    /// max |(AᵀA or AAᵀ) − gain²·I| in Double, over the smaller Gram matrix of a row-major matrix.
    private func gramError(_ a: ArraySlice<Float>, rows: Int, columns: Int, gain2: Double) -> Double {
        let values = Array(a)
        let byColumns = rows >= columns
        let n = byColumns ? columns : rows
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for k in 0..<(byColumns ? rows : columns) {
                    let x = byColumns ? values[k * columns + i] : values[i * columns + k]
                    let y = byColumns ? values[k * columns + j] : values[j * columns + k]
                    dot += Double(x) * Double(y)
                }
                worst = max(worst, abs(dot - (i == j ? gain2 : 0)))
            }
        }
        return worst
    }

    @Test func gaussianVariance() throws {
        let fanIn = 1000, outputs = 500, sw2 = 1.76, sb2 = 0.05
        let p = try initialised(DenseLayer(inputs: .vector(fanIn), outputs: outputs, maxBatch: 1), .gaussian, sw2: sw2, sb2: sb2)
        let weights = p[0..<(fanIn * outputs)].map(Double.init)
        let mean = weights.reduce(0, +) / Double(weights.count)
        let variance = weights.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(weights.count - 1)
        // Standard error of a sample variance: σ²·√(2/(n−1)) ≈ 0.2 % for n = 5·10⁵; allow 5 of them.
        let expected = sw2 / Double(fanIn)
        #expect(abs(variance / expected - 1) < 5 * (2.0 / Double(weights.count - 1)).squareRoot(), "variance \(variance), expected \(expected)")
        #expect(abs(mean) < 5 * expected.squareRoot() / Double(weights.count).squareRoot())
        let biases = p[(fanIn * outputs)...].map(Double.init)
        let biasVariance = biases.reduce(0) { $0 + $1 * $1 } / Double(biases.count)
        // 500 biases: standard error ≈ 6.3 %; allow 4 of them.
        #expect(abs(biasVariance / sb2 - 1) < 4 * (2.0 / 500).squareRoot(), "bias variance \(biasVariance)")
    }

    @Test(arguments: [(64, 64), (100, 50), (30, 80)])
    func orthogonal(shape: (Int, Int)) throws {
        let (rows, columns) = shape, sw2 = 1.76
        let p = try initialised(DenseLayer(inputs: .vector(rows), outputs: columns, maxBatch: 1), .orthogonal, sw2: sw2)
        let error = gramError(p[0..<(rows * columns)], rows: rows, columns: columns, gain2: sw2)
        #expect(error < 1e-5, "\(rows)×\(columns): max |WᵀW − σ_w² I| = \(error)")
    }

    @Test func orthogonalDependsOnSeed() throws {
        let a = try initialised(DenseLayer(inputs: .vector(8), outputs: 8, maxBatch: 1), .orthogonal, sw2: 1, seed: 1)
        let b = try initialised(DenseLayer(inputs: .vector(8), outputs: 8, maxBatch: 1), .orthogonal, sw2: 1, seed: 2)
        #expect(a != b)
    }

    @Test(arguments: [(16, 16), (1, 16), (3, 8)])
    func deltaOrthogonal(channels: (Int, Int)) throws {
        let (cin, cout) = channels, sw2 = 2.0
        let layer = Conv2DLayer(input: FeatureShape(height: 4, width: 4, channels: cin), outputChannels: cout, stride: 1, maxBatch: 1)
        let p = try initialised(layer, .deltaOrthogonal, sw2: sw2)
        let tap = cin * cout
        for t in 0..<9 where t != 4 {
            #expect(p[(t * tap)..<((t + 1) * tap)].allSatisfy { $0 == 0 }, "tap \(t) not zero")
        }
        // Centre tap [C_in × C_out]: for C_in ≤ C_out its rows (the C_out×C_in map's columns) are orthonormal·σ_w.
        let error = gramError(p[(4 * tap)..<(5 * tap)], rows: cin, columns: cout, gain2: sw2)
        #expect(error < 1e-5, "\(cin)→\(cout): centre tap Gram error \(error)")
    }
}
