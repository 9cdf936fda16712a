import Foundation

/// A preflight check that a computation's largest arrays fit in memory, made before any work so
/// an absurd size (`--width 1000000000`, an axis of a billion values) is a one-line refusal
/// instead of minutes of swapping and an out-of-memory kill.
///
/// ```swift
/// try MemoryBudget.require(bytes: 8 * Double(width) * Double(width), for: "the weight matrix", fix: "pass a smaller --width")
/// ```
public enum MemoryBudget {
    /// The memory this process may use: the machine's, or the cgroup's limit when smaller.
    public static var availableBytes: Double {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
            return min(physical, limit)
        }
        return physical
    }

    /// Throws ``MemoryBudgetError`` when `bytes` (an estimate, in Double so that products of
    /// absurd sizes cannot overflow) exceed the available memory.
    public static func require(bytes: Double, for what: String, fix: String) throws {
        let available = availableBytes
        guard bytes.isFinite, bytes <= available else {
            throw MemoryBudgetError(message: "\(what) would need about \(format(bytes)) of memory and this machine has \(format(available)); \(fix)")
        }
    }

    /// `3.7 TB`, `512 MB`: decimal units, three significant digits.
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.3g %@", value, units[unit])
    }
}

/// A computation that would not fit in memory; the message names the size and the fix.
public struct MemoryBudgetError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
