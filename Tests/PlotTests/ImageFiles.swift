import Foundation

/// Reads the header facts the tests check, independently of gnuplot.
enum ImageFiles {
    /// Width and height from a PNG's IHDR chunk, or nil when the file is not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Signature, then the first chunk: length (4), type "IHDR" (4), width (4), height (4).
        guard bytes.count >= 24, Array(bytes[0..<8]) == magic,
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16), bigEndian(20))
    }

    /// Whether the data starts like a PDF and ends with its end-of-file marker.
    static func isPDF(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(5), as: UTF8.self)
        let tail = String(decoding: data.suffix(32), as: UTF8.self)
        return head == "%PDF-" && tail.contains("%%EOF")
    }
}
