import Crypto
import Foundation

/// SHA-256 as lowercase hex, the one digest the engine uses for keys, files and code.
///
/// swift-crypto uses BoringSSL's SHA-256, which runs on the CPU's SHA extensions where present.
public enum SHA256Digest {
    /// The digest of `data`.
    public static func of(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// The digest of a file, read in 1 MiB chunks so large outputs need no large buffer.
    public static func ofFile(at url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw PipelineError.io("cannot read \(url.path) to hash it")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let table = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(table[Int(byte >> 4)])
            bytes.append(table[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
