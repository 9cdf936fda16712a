import CHDF5
import Foundation

/// The one gate to the C library. Debian's libhdf5 is built without thread safety, and the
/// engine runs stages on several threads, so every call goes through one process-wide
/// recursive lock. Automatic error printing is switched off: failures become ``HDF5Error``s
/// built from the library's error stack, and nothing is written to standard error.
enum HDF5Library {
    // NSRecursiveLock is thread-safe; `nonisolated(unsafe)` only tells the compiler so.
    nonisolated(unsafe) private static let lock: NSRecursiveLock = {
        let lock = NSRecursiveLock()
        lock.lock()
        H5open()
        H5Eset_auto2(ch5_e_default(), nil, nil)
        lock.unlock()
        return lock
    }()

    /// Runs `body` holding the library lock.
    static func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs a C call that returns a negative value on failure, turning the failure into an error.
    @discardableResult
    static func check<T: BinaryInteger>(_ operation: String, file: String, object: String = "", hint: String? = nil,
                                        _ call: () -> T) throws -> T {
        try locked {
            let result = call()
            if result < 0 { throw error(operation, file: file, object: object, hint: hint) }
            return result
        }
    }

    /// The current error stack as an ``HDF5Error`` (and clears it).
    static func error(_ operation: String, file: String, object: String = "", hint: String? = nil) -> HDF5Error {
        locked {
            var messages: [String] = []
            withUnsafeMutablePointer(to: &messages) { pointer in
                _ = H5Ewalk2(ch5_e_default(), H5E_WALK_UPWARD, { _, entry, context in
                    guard let entry, let context else { return 0 }
                    let list = context.assumingMemoryBound(to: [String].self)
                    if let description = entry.pointee.desc { list.pointee.append(String(cString: description)) }
                    return 0
                }, pointer)
            }
            H5Eclear2(ch5_e_default())
            let detail = messages.isEmpty ? "the HDF5 library reported a failure" : messages.prefix(2).joined(separator: "; ")
            return HDF5Error(operation: operation, file: file, object: object, detail: detail, hint: hint)
        }
    }

    /// "1.10.8".
    static var version: String {
        locked {
            var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
            H5get_libversion(&major, &minor, &release)
            return "\(major).\(minor).\(release)"
        }
    }
}

/// The HDF5 library version the process links, for provenance.
public func hdf5LibraryVersion() -> String { HDF5Library.version }
