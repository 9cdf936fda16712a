import Foundation

/// Reads the CIFAR-10 binary version (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`):
/// records of 1 label byte followed by 3072 pixel bytes, the red, green and blue 32×32 planes in
/// turn. Pixels are transposed to NHWC (32×32×3) on reading.
public enum CIFAR10Reader {
    /// Bytes per record.
    public static let recordSize = 1 + 3072
    /// The format, for error messages.
    static let format = "a CIFAR-10 binary batch (records of 1 label byte + 3072 pixel bytes)"

    /// The images of one batch file.
    public static func read(_ path: String) throws -> ImageSet {
        let data = try Gzip.readFile(path, expected: format)
        guard data.count > 0, data.count % recordSize == 0 else {
            throw TrainingError.malformedFile(path: path, reason: "not \(format): size \(data.count) is not a positive multiple of \(recordSize)")
        }
        let bytes = [UInt8](data)
        let count = bytes.count / recordSize
        var labels = [UInt8](repeating: 0, count: count)
        var pixels = [UInt8](repeating: 0, count: count * 3072)
        for n in 0..<count {
            let record = n * recordSize
            labels[n] = bytes[record]
            guard labels[n] < 10 else {
                throw TrainingError.malformedFile(path: path, reason: "record \(n) has label \(labels[n]); \(format) has labels 0…9")
            }
            for p in 0..<1024 {
                for c in 0..<3 { pixels[n * 3072 + p * 3 + c] = bytes[record + 1 + c * 1024 + p] }
            }
        }
        return ImageSet(pixels: pixels, labels: labels, shape: FeatureShape(height: 32, width: 32, channels: 3))
    }
}
