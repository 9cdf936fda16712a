import Foundation
import MeanField
import Testing
@testable import Training

/// Bad inputs fail early with messages that name the problem.
struct ErrorTests {
    private func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func missingFile() {
        let text = message { _ = try Dataset.fashionMNIST.load(directory: "/nonexistent/folder") }
        #expect(text.contains("/nonexistent/folder/train-images-idx3-ubyte"), "\(text)")
        #expect(text.contains("not found") && text.contains("IDX"), "\(text)")
    }

    @Test func malformedIDX() throws {
        try withScratchFolder { folder in
            let path = folder.appendingPathComponent("images").path
            try Data([0, 0, 8, 1, 0, 0, 0, 1, 7]).write(to: URL(fileURLWithPath: path))  // a label file
            let text = message { _ = try IDXReader.readImages(path) }
            #expect(text.contains(path) && text.contains("not an IDX file") && text.contains("0x00000803"), "\(text)")

            try Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
            let truncated = message { _ = try IDXReader.readImages(path) }
            #expect(truncated.contains("need 24 bytes, file has 19"), "\(truncated)")

            try Data([0x1f, 0x8b, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
            let badGzip = message { _ = try IDXReader.readImages(path) }
            #expect(badGzip.contains(path) && badGzip.contains("gzip"), "\(badGzip)")
        }
    }

    @Test func overflowingIDXHeaderIsRefused() throws {
        try withScratchFolder { folder in
            let path = folder.appendingPathComponent("images").path
            // 2³²−1 in each of three sizes: their product overflows Int, which used to trap.
            try Data([0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3]).write(to: URL(fileURLWithPath: path))
            let text = message { _ = try IDXReader.readImages(path) }
            #expect(text.contains(path) && text.contains("IDX header sizes 4294967295×4294967295×4294967295"), "\(text)")
        }
    }

    @Test func testImagesOfAnotherShapeAreRefused() throws {
        func idx(_ url: URL, _ dimensions: [UInt8], body: Int) throws {
            try Data([0, 0, 8, UInt8(dimensions.count)] + dimensions.flatMap { [0, 0, 0, $0] } + [UInt8](repeating: 1, count: body)).write(to: url)
        }
        try withScratchFolder { folder in
            for test: UInt8 in [30, 20] {
                try idx(folder.appendingPathComponent("train-images-idx3-ubyte"), [3, 28, 28], body: 3 * 28 * 28)
                try idx(folder.appendingPathComponent("train-labels-idx1-ubyte"), [3], body: 3)
                try idx(folder.appendingPathComponent("t10k-images-idx3-ubyte"), [2, test, test], body: 2 * Int(test) * Int(test))
                try idx(folder.appendingPathComponent("t10k-labels-idx1-ubyte"), [2], body: 2)
                let text = message { _ = try Dataset.mnist.load(directory: folder.path) }
                #expect(text.contains("test images are \(test)×\(test)×1, training images 28×28×1"), "\(text)")
            }
        }
    }

    @Test func wellFormedIDXAndCIFAR() throws {
        try withScratchFolder { folder in
            let images = folder.appendingPathComponent("i").path
            try Data([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]).write(to: URL(fileURLWithPath: images))
            let read = try IDXReader.readImages(images)
            #expect(read.pixels == [1, 2, 3, 4] && read.count == 1 && read.rows == 2 && read.columns == 2)

            var record = [UInt8](repeating: 0, count: CIFAR10Reader.recordSize)
            record[0] = 7
            record[1] = 10; record[1 + 1024] = 20; record[1 + 2048] = 30  // pixel 0: R, G, B planes
            let cifar = folder.appendingPathComponent("data_batch_1.bin").path
            try Data(record + record).write(to: URL(fileURLWithPath: cifar))
            let set = try CIFAR10Reader.read(cifar)
            #expect(set.count == 2 && set.labels == [7, 7] && Array(set.pixels[0..<3]) == [10, 20, 30])

            try Data(record.dropLast()).write(to: URL(fileURLWithPath: cifar))
            let text = message { _ = try CIFAR10Reader.read(cifar) }
            #expect(text.contains(cifar) && text.contains("3073"), "\(text)")
        }
    }

    @Test func unknownNames() {
        let dataset = message { _ = try Dataset.parse("imagenet") }
        #expect(dataset.contains("imagenet") && dataset.contains("fashion-mnist") && dataset.contains("cifar10"), "\(dataset)")
        let activation = message { _ = try Activation.parse("softplus") }
        #expect(activation.contains("softplus") && activation.contains("tanh"), "\(activation)")
        let initialization = message { _ = try WeightInitialization.parse("xavier") }
        #expect(initialization.contains("delta-orthogonal"), "\(initialization)")
    }

    @Test func invalidConfigurations() {
        func failure(_ edit: (inout TrainingConfiguration) -> Void) -> String {
            var config = TrainingConfiguration()
            edit(&config)
            // Through the trainer, to show it validates before using the (tiny) data.
            return message { _ = try Trainer(configuration: config, data: smallSplit(train: 8, test: 8)) }
        }
        #expect(failure { $0.depth = 0 }.contains("depth 0 < 1"))
        #expect(failure { $0.architecture = .cnn; $0.depth = 2 }.contains("CNN depth 2 < 3"))
        #expect(failure { $0.learningRate = .nan }.contains("learning rate nan"))
        #expect(failure { $0.learningRate = 0 }.contains("learning rate"))
        #expect(failure { $0.width = 0 }.contains("width 0"))
        #expect(failure { $0.architecture = .cnn; $0.width = 0 }.contains("channels 0"))
        #expect(failure { $0.batchSize = 0 }.contains("batch size 0"))
        #expect(failure { $0.steps = -1 }.contains("steps -1"))
    }
}
