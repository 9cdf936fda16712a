import Foundation

/// Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic
/// `0x000008TD` (T = 08 unsigned bytes, D = number of dimensions), D big-endian UInt32 sizes,
/// then the bytes. gzip-compressed files are recognised by their magic bytes, not their name.
public enum IDXReader {
    /// The pixels of an image file (magic 0x00000803): `count × rows × columns` bytes.
    public static func readImages(_ path: String) throws -> (pixels: [UInt8], count: Int, rows: Int, columns: Int) {
        let (dims, body) = try read(path, dimensions: 3, what: "images")
        return (body, dims[0], dims[1], dims[2])
    }

    /// The labels of a label file (magic 0x00000801).
    public static func readLabels(_ path: String) throws -> [UInt8] {
        try read(path, dimensions: 1, what: "labels").body
    }

    private static func read(_ path: String, dimensions: Int, what: String) throws -> (dims: [Int], body: [UInt8]) {
        let magic = 0x800 + dimensions
        let expected = String(format: "an IDX file of %@, magic 0x%08X, optionally gzip-compressed", what, magic)
        let data = try Gzip.readFile(path, expected: expected)
        let bytes = [UInt8](data)
        func word(_ offset: Int) -> Int {
            Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        }
        guard bytes.count >= 4 else {
            throw TrainingError.malformedFile(path: path, reason: String(format: "not an IDX file (%d bytes; magic 0x%08X expected for %@)", bytes.count, magic, what))
        }
        guard word(0) == magic else {
            throw TrainingError.malformedFile(path: path, reason: String(format: "not an IDX file (magic 0x%08X found, 0x%08X expected for %@)", word(0), magic, what))
        }
        let header = 4 + 4 * dimensions
        guard bytes.count >= header else {
            throw TrainingError.malformedFile(path: path, reason: "truncated IDX header (\(bytes.count) bytes, \(header) expected)")
        }
        let dims = (0..<dimensions).map { word(4 + 4 * $0) }
        // Sizes are 32-bit each: three of them can overflow a product, which must be refused, not trapped on.
        var size = 1
        for d in dims {
            let (product, overflow) = size.multipliedReportingOverflow(by: d)
            guard !overflow, product <= bytes.count else {
                throw TrainingError.malformedFile(path: path, reason: "IDX header sizes \(dims.map(String.init).joined(separator: "×")) need more bytes than the file's \(bytes.count)")
            }
            size = product
        }
        guard bytes.count == header + size else {
            throw TrainingError.malformedFile(path: path, reason: "IDX sizes \(dims.map(String.init).joined(separator: "×")) need \(header + size) bytes, file has \(bytes.count)")
        }
        return (dims, Array(bytes[header...]))
    }
}
