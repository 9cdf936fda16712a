/// Copy, zero and accumulate of short runs of floats, the inner steps of im2col and col2im.
///
/// A run is a few taps of C floats: 3 floats in a first layer on grey images, a few hundred in
/// deeper ones. `memmove`/`memset` cost a call and a size dispatch that outweigh moving a dozen
/// bytes, so short runs use an inline loop and only long ones call the C library.
enum RunKernels {
    /// Below this many floats an inline loop beats a library call.
    static let libraryThreshold = 32

    /// target[0..<count] = source[0..<count] (the ranges do not overlap).
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        if count >= libraryThreshold {
            target.update(from: source, count: count)
        } else {
            for k in 0..<count { target[k] = source[k] }
        }
    }

    /// target[0..<count] = 0.
    @inline(__always)
    static func zero(_ target: UnsafeMutablePointer<Float>, count: Int) {
        if count >= libraryThreshold {
            target.update(repeating: 0, count: count)
        } else {
            for k in 0..<count { target[k] = 0 }
        }
    }

    /// target[0..<count] += source[0..<count].
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for k in 0..<count { target[k] += source[k] }
    }

    /// Writes `rows` rows of `width` floats, each a copy of `row`, from `target` on. The filled
    /// prefix is doubled by each copy, so there are log₂(rows) library calls instead of one per
    /// row (a first-layer convolution has 50 000 rows of 32 floats at batch 64).
    static func broadcast(_ row: UnsafePointer<Float>, width: Int, rows: Int, into target: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        target.update(from: row, count: width)
        var filled = 1
        while filled < rows {
            let more = min(filled, rows - filled)
            (target + filled * width).update(from: target, count: more * width)
            filled += more
        }
    }
}
