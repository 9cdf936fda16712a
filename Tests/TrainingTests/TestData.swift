import Foundation
@testable import Training

/// Fashion-MNIST from the Debian package, loaded once for all tests (nil when not installed).
let fashionMNIST: DataSplit? = try? Dataset.fashionMNIST.load()

/// A small split of Fashion-MNIST (or, without the package, of random images) for fast tests.
func smallSplit(train: Int = 2048, test: Int = 512) -> DataSplit {
    if let data = fashionMNIST {
        return DataSplit(name: data.name, train: data.train.prefix(train), test: data.test.prefix(test))
    }
    var generator = SeededGenerator(seed: 5)
    func random(_ n: Int) -> ImageSet {
        ImageSet(pixels: (0..<(n * 64)).map { _ in UInt8(generator.nextIndex(below: 256)) },
                 labels: (0..<n).map { _ in UInt8(generator.nextIndex(below: 10)) }, shape: FeatureShape(height: 8, width: 8, channels: 1))
    }
    return DataSplit(name: "random", train: random(train), test: random(test))
}

/// A scratch folder removed at the end of the test.
func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
