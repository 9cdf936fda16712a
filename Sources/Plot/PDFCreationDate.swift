import Foundation

/// Pins the creation date cairo writes into a PDF, so two renders of a figure give identical
/// bytes.
///
/// cairo 1.16 (Debian 11/12's) ignores `SOURCE_DATE_EPOCH` and stamps the current time as
/// `/CreationDate (D:YYYYMMDDHHMMSS…)`; measured: that stamp is the only difference between two
/// renders. The 14 digits are overwritten in place, so byte offsets in the PDF's cross-reference
/// table stay valid.
enum PDFCreationDate {
    /// Replaces the date digits of every `/CreationDate (D:` and `/ModDate (D:` entry.
    /// Returns nil when the data holds no such entry.
    static func pinned(_ pdf: Data, to date: Date) -> Data? {
        let digits = Array(stamp(date).utf8)
        var bytes = [UInt8](pdf)
        var changed = false
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            let pattern = Array(key.utf8)
            var start = 0
            while let found = firstIndex(of: pattern, in: bytes, from: start) {
                let at = found + pattern.count
                let end = at + digits.count
                if end <= bytes.count, bytes[at..<end].allSatisfy({ (0x30...0x39).contains($0) }) {
                    bytes.replaceSubrange(at..<end, with: digits)
                    changed = true
                }
                start = at
            }
        }
        return changed ? Data(bytes) : nil
    }

    /// `YYYYMMDDHHMMSS` in UTC.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = String(c.year ?? 1970)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year
            + two(c.month) + two(c.day) + two(c.hour) + two(c.minute) + two(c.second)
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var i = start
        while i <= bytes.count - pattern.count {
            if bytes[i] == first && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }
}
