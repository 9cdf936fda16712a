/// A fixed-size, zero-initialised block of Float32 owned by a class, so the training loop can
/// hand raw pointers to BLAS without `Array`'s copy-on-write checks or per-step allocation.
/// Not `Sendable`: a buffer belongs to one network on one thread.
public final class FloatBuffer {
    /// The first element; valid for `count` elements while the buffer lives.
    public let pointer: UnsafeMutablePointer<Float>
    /// The number of elements.
    public let count: Int

    /// A buffer of `count` zeros (at least one element, so the pointer is always valid).
    public init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

    /// A copy of the contents as an array.
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
