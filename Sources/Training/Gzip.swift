import CGzip
import Foundation

/// gzip decoding through zlib, for the `.gz` files Debian ships MNIST-style data sets as.
enum Gzip {
    /// True when `data` starts with the gzip magic bytes 1f 8b (RFC 1952 §2.3.1).
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The decompressed bytes of a gzip stream; `path` names the file in errors.
    static func decompress(_ data: Data, path: String) throws -> Data {
        var stream = z_stream()
        // windowBits 15 + 16: expect a gzip header and trailer (not raw zlib).
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw TrainingError.malformedFile(path: path, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(raw.count)
            repeat {
                try chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw TrainingError.malformedFile(path: path, reason: "corrupt gzip data (\(detail))")
                    }
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                }
                if status == Z_OK, stream.avail_in == 0, stream.avail_out != 0 {
                    throw TrainingError.malformedFile(path: path, reason: "truncated gzip data")
                }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// The file's bytes, decompressed when they start with the gzip magic.
    static func readFile(_ path: String, expected: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrainingError.missingFile(path: path, expected: expected)
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrainingError.malformedFile(path: path, reason: "cannot read (\(error.localizedDescription)); expected \(expected)")
        }
        return isCompressed(data) ? try decompress(data, path: path) : data
    }
}
